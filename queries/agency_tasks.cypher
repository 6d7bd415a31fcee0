// name = "agency_tasks"
// title = "部门承担的任务"
// description = "One agency's tasks with plan, section, its role, the co-assigned units and the task's targets."
// columns = ["plan_id", "plan_title", "issuer", "task_id", "number", "label", "part", "section", "title", "role", "lead", "lead_basis", "inherited", "partners", "targets", "deadline_text", "line"]
// list_columns = ["partners", "targets"]
// paged = true
// params = [
//   {name = "agency", type = "str", required = true, description = "agency id", example = "江苏省/南京市/溧水区:工业和信息化局"},
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
//   {name = "role", type = "str", description = "only tasks where the agency has this role", choices = ["lead", "support"]},
//   {name = "limit", type = "int", default = 100, min = 1, max = 10000, description = "rows to return"},
//   {name = "offset", type = "int", default = 0, min = 0, description = "rows to skip"},
// ]
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency {id: $agency})
WHERE (t.plan_id = $plan OR $plan IS NULL)
  AND (a.role = $role OR $role IS NULL)
MATCH (p:Plan)
WHERE p.id = t.plan_id
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(o:Agency)
WHERE o.id <> g.id
WITH p, t, a, collect(DISTINCT o.name) AS partners
OPTIONAL MATCH (t)-[:SETS]->(x:Target)
WITH p, t, a, partners, collect(DISTINCT x.text) AS targets
RETURN p.id AS plan_id, p.title AS plan_title, p.issuer AS issuer, t.id AS task_id, t.number AS number,
       t.label AS label, t.part AS part, t.section_title AS section, t.title AS title,
       a.role AS role, a.lead AS lead, a.lead_basis AS lead_basis, a.inherited AS inherited,
       partners, targets, t.deadline_text AS deadline_text, t.line AS line
ORDER BY plan_id, line, task_id, role
SKIP $offset LIMIT $limit
