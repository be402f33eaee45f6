/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/* an ordinary comment; dropped */
SELECT 5--2 AS seven; -- a real comment; dropped
# a hash comment; dropped
