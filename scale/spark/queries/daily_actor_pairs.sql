-- Daily event counts and average Goldstein score per actor pair, over the `events` table
-- (the GDELT BigQuery recipe, on Dateline's Parquet output). Run it with:
--   scale/spark/query.sh OUT scale/spark/queries/daily_actor_pairs.sql
SELECT
  SQLDATE,
  Actor1Code,
  Actor2Code,
  COUNT(*)                      AS events,
  SUM(NumArticles)              AS articles,
  ROUND(AVG(GoldsteinScale), 2) AS avg_goldstein,
  SUM(CASE WHEN QuadClass IN (3, 4) THEN 1 ELSE 0 END) AS conflict_events
FROM events
WHERE SQLDATE IS NOT NULL
  AND Actor1Code IS NOT NULL
  AND Actor2Code IS NOT NULL
GROUP BY SQLDATE, Actor1Code, Actor2Code
ORDER BY SQLDATE, events DESC, Actor1Code, Actor2Code
