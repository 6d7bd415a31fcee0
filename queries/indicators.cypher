// name = "indicators"
// title = "指标目录"
// description = "Indicators by canonical name: how many plans measure them and how many targets they carry."
// columns = ["indicator", "unit", "plans", "targets", "names"]
// list_columns = ["names"]
// params = [
//   {name = "text", type = "str", description = "only indicators whose canonical name contains this"},
// ]
MATCH (n:Indicator)
WHERE (n.canonical CONTAINS $text OR $text IS NULL)
OPTIONAL MATCH (x:Target)-[:MEASURES]->(n)
RETURN n.canonical AS indicator, min(n.unit) AS unit, count(DISTINCT n.plan_id) AS plans,
       count(DISTINCT x.id) AS targets, collect(DISTINCT n.name) AS names
ORDER BY plans DESC, targets DESC, indicator
