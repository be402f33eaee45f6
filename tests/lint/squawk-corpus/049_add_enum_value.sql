-- forge:up
ALTER TYPE order_status ADD VALUE 'refunded';
