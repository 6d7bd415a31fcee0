// name = "search_tasks"
// title = "任务全文检索"
// description = "Tasks whose title or text contains the given words, with their responsible units."
// columns = ["plan_id", "issuer", "id", "number", "section", "title", "units", "line"]
// list_columns = ["units"]
// paged = true
// params = [
//   {name = "text", type = "str", required = true, description = "text the task contains", example = "低空经济"},
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
//   {name = "limit", type = "int", default = 100, min = 1, max = 10000, description = "rows to return"},
//   {name = "offset", type = "int", default = 0, min = 0, description = "rows to skip"},
// ]
MATCH (t:Task)
WHERE (t.title CONTAINS $text OR t.text CONTAINS $text)
  AND (t.plan_id = $plan OR $plan IS NULL)
MATCH (p:Plan)
WHERE p.id = t.plan_id
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(g:Agency)
WITH p, t, collect(DISTINCT g.name) AS units
RETURN p.id AS plan_id, p.issuer AS issuer, t.id AS id, t.number AS number, t.section_title AS section,
       t.title AS title, units, t.line AS line
ORDER BY plan_id, line, id
SKIP $offset LIMIT $limit
