-- forge:up
DROP INDEX CONCURRENTLY orders_user_idx;
