// name = "unassigned_tasks"
// title = "未明确责任单位的任务"
// description = "Tasks with no responsible unit at all."
// columns = ["plan_id", "issuer", "id", "number", "label", "part", "section", "title", "line"]
// paged = true
// params = [
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
//   {name = "part", type = "str", description = "only tasks of this part", choices = ["goals", "tasks", "safeguards", "other"]},
//   {name = "limit", type = "int", default = 200, min = 1, max = 100000, description = "rows to return"},
//   {name = "offset", type = "int", default = 0, min = 0, description = "rows to skip"},
// ]
MATCH (t:Task)
WHERE (t.plan_id = $plan OR $plan IS NULL)
  AND (t.part = $part OR $part IS NULL)
  AND NOT EXISTS { MATCH (t)-[:ASSIGNED_TO]->(:Agency) }
MATCH (p:Plan)
WHERE p.id = t.plan_id
RETURN p.id AS plan_id, p.issuer AS issuer, t.id AS id, t.number AS number, t.label AS label, t.part AS part,
       t.section_title AS section, t.title AS title, t.line AS line
ORDER BY plan_id, line, id
SKIP $offset LIMIT $limit
