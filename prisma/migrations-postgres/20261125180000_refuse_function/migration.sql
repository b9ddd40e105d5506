-- loyalty_refuse(reason): raises, so that one statement can refuse itself and fail as a whole (a CASE
-- that calls it only when a condition does not hold). Redemptions use it for "out of stock" in the
-- statement that ends their transaction: its COMMIT is sent without waiting (to hold the reward's row
-- lock as briefly as possible), and a failed statement turns that COMMIT into a rollback.
CREATE OR REPLACE FUNCTION "loyalty_refuse"(reason TEXT) RETURNS INTEGER
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = reason, ERRCODE = 'P0001', HINT = 'loyalty_refuse';
END
$$;
