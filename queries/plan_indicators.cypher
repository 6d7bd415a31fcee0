// name = "plan_indicators"
// title = "规划指标表"
// description = "A plan's indicators (table rows and goal indicators) with their units, responsible units and every target, one row per indicator and target."
// columns = ["id", "number", "category", "name", "indicator", "unit", "owners", "year", "value", "value_max", "value_text", "origin", "text", "line"]
// list_columns = ["owners"]
// params = [
//   {name = "plan", type = "str", required = true, description = "plan id"},
// ]
MATCH (p:Plan {id: $plan})-[:HAS_INDICATOR]->(n:Indicator)
OPTIONAL MATCH (n)-[:ASSIGNED_TO]->(g:Agency)
WITH n, collect(DISTINCT g.name) AS owners
OPTIONAL MATCH (x:Target)-[:MEASURES]->(n)
RETURN n.id AS id, n.number AS number, n.category AS category, n.name AS name, n.canonical AS indicator,
       n.unit AS unit, owners, x.year AS year, x.value AS value, x.value_max AS value_max,
       x.value_text AS value_text, x.origin AS origin, x.text AS text, n.line AS line
ORDER BY line, id, coalesce(year, 0), origin, text
