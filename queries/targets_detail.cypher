// name = "targets_detail"
// title = "目标明细（核对与比较底稿）"
// description = "Every target with its plan period, where it is stated (goal, table, task, industry), the indicator row it measures and the task that sets it."
// columns = ["plan_id", "issuer", "jurisdiction", "period_start", "period_end", "id", "origin", "text", "indicator", "canonical", "indicator_id", "indicator_name", "indicator_unit", "value", "value_max", "value_text", "unit", "comparator", "year", "scope", "line", "task_id", "task_number", "task_title"]
// params = [
//   {name = "plan", type = "str", description = "only targets of this plan (plan id)"},
// ]
MATCH (x:Target)
WHERE (x.plan_id = $plan OR $plan IS NULL)
MATCH (p:Plan)
WHERE p.id = x.plan_id
OPTIONAL MATCH (x)-[:MEASURES]->(n:Indicator)
OPTIONAL MATCH (t:Task)-[:SETS]->(x)
RETURN p.id AS plan_id, p.issuer AS issuer, p.issuer_id AS jurisdiction, p.period_start AS period_start,
       p.period_end AS period_end, x.id AS id, x.origin AS origin, x.text AS text, x.indicator AS indicator,
       n.canonical AS canonical, n.id AS indicator_id, n.name AS indicator_name, n.unit AS indicator_unit,
       x.value AS value, x.value_max AS value_max, x.value_text AS value_text, x.unit AS unit,
       x.comparator AS comparator, x.year AS year, x.scope AS scope, x.line AS line,
       t.id AS task_id, t.number AS task_number, t.title AS task_title
ORDER BY plan_id, coalesce(line, 0), id
