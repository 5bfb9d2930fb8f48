-- payment's settlements: what the payment provider settled, from its daily settlement files (ELT: the platform
-- loaded each file as delivered into raw.settlements; raw.settlements_current holds the latest file of every day,
-- so a corrected file replaces the one it corrects). Bad rows and refused files are in the quarantine, every file
-- in raw.files. The provider's amounts are right where the shop's payment app was not (version 2.3.1 sent cents):
-- each settlement is set against the authorization as payment's cleaning repaired it, and they must agree.
CREATE OR REPLACE TABLE model.settlements AS
WITH authorized AS (
    SELECT payment_id, amount AS reported_amount
    FROM clean.payment_authorized
)
SELECT
    s.payment_id,
    s.order_id,
    s.method,
    CAST(s.gross AS DECIMAL(18,2))                         AS gross,
    CAST(s.fee AS DECIMAL(18,2))                           AS fee,
    CAST(s.net AS DECIMAL(18,2))                           AS net,
    s.currency,
    s.business_day                                         AS settled_on,
    s.file_name,
    CAST(a.reported_amount AS DECIMAL(18,2))               AS reported_amount,
    coalesce(a.reported_amount = CAST(s.gross AS DECIMAL(18,2)), false) AS matches_report
FROM raw.settlements_current s
LEFT JOIN authorized a USING (payment_id)
ORDER BY settled_on, payment_id;
