// name = "plan_tasks"
// title = "规划任务清单"
// description = "A plan's tasks in document order, with section, leads, supporting units and the clause as written."
// columns = ["id", "number", "label", "part", "section", "title", "leads", "supports", "clause", "deadline_text", "targets", "line"]
// list_columns = ["leads", "supports"]
// paged = true
// params = [
//   {name = "plan", type = "str", required = true, description = "plan id"},
//   {name = "part", type = "str", description = "only tasks of this part", choices = ["goals", "tasks", "safeguards", "other"]},
//   {name = "limit", type = "int", default = 200, min = 1, max = 10000, description = "rows to return"},
//   {name = "offset", type = "int", default = 0, min = 0, description = "rows to skip"},
// ]
MATCH (t:Task)
WHERE t.plan_id = $plan
  AND (t.part = $part OR $part IS NULL)
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(g:Agency)
WITH t, collect(DISTINCT CASE WHEN a.lead THEN g.name END) AS leads,
     collect(DISTINCT CASE WHEN a.role = 'support' THEN g.name END) AS supports
RETURN t.id AS id, t.number AS number, t.label AS label, t.part AS part, t.section_title AS section,
       t.title AS title, leads, supports, t.clause AS clause, t.deadline_text AS deadline_text,
       COUNT { MATCH (t)-[:SETS]->(:Target) } AS targets, t.line AS line
ORDER BY line, id
SKIP $offset LIMIT $limit
