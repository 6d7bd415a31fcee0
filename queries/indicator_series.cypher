// name = "indicator_series"
// title = "指标逐年目标"
// description = "An indicator's targets year by year, within and across plans (matched on the canonical indicator name, by substring)."
// columns = ["indicator", "plan_id", "issuer", "year", "value", "value_max", "value_text", "unit", "comparator", "origin", "text", "line"]
// params = [
//   {name = "indicator", type = "str", required = true, description = "canonical indicator name or part of it", example = "规上工业总产值"},
//   {name = "plan", type = "str", description = "only targets of this plan (plan id)"},
// ]
MATCH (x:Target)-[:MEASURES]->(n:Indicator)
WHERE n.canonical CONTAINS $indicator
  AND (x.plan_id = $plan OR $plan IS NULL)
MATCH (p:Plan)
WHERE p.id = x.plan_id
RETURN DISTINCT n.canonical AS indicator, p.id AS plan_id, p.issuer AS issuer, x.year AS year, x.value AS value,
       x.value_max AS value_max, x.value_text AS value_text, x.unit AS unit, x.comparator AS comparator,
       x.origin AS origin, x.text AS text, x.line AS line
ORDER BY indicator, plan_id, coalesce(year, 0), origin, coalesce(line, 0), text
