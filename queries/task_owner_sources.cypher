// name = "task_owner_sources"
// title = "条款与分工表的责任单位"
// description = "For every task a task table speaks of, each responsible unit with where it is named (clause, table or both), whether the clause and the table make it a lead, the clause line and the table row line."
// columns = ["plan_id", "issuer", "task_id", "number", "label", "title", "clause", "line", "agency", "agency_name", "raw", "source", "lead", "table_lead", "table_line", "inherited", "position"]
// params = [
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
// ]
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (t.plan_id = $plan OR $plan IS NULL)
  AND EXISTS { MATCH (t)-[b:ASSIGNED_TO]->(:Agency) WHERE b.source IN ['table', 'both'] }
MATCH (p:Plan)
WHERE p.id = t.plan_id
RETURN p.id AS plan_id, p.issuer AS issuer, t.id AS task_id, t.number AS number, t.label AS label, t.title AS title,
       t.clause AS clause, t.line AS line, g.id AS agency, g.name AS agency_name, a.raw AS raw, a.source AS source, a.lead AS lead,
       a.table_lead AS table_lead, a.table_line AS table_line, a.inherited AS inherited,
       a.position AS position
ORDER BY plan_id, line, task_id, position, agency
