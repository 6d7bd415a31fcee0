// name = "task_units"
// title = "重点任务分工表（单位）"
// description = "Every responsible unit of every task in clause order, with its role, whether it leads and on what basis."
// columns = ["plan_id", "task_id", "agency", "agency_name", "jurisdiction", "kind", "role", "lead", "lead_basis", "inherited", "raw", "position"]
// params = [
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
// ]
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (t.plan_id = $plan OR $plan IS NULL)
RETURN t.plan_id AS plan_id, t.id AS task_id, g.id AS agency, g.name AS agency_name, g.jurisdiction AS jurisdiction,
       g.kind AS kind, a.role AS role, a.lead AS lead, a.lead_basis AS lead_basis, a.inherited AS inherited,
       a.raw AS raw, a.position AS position
ORDER BY plan_id, task_id, coalesce(position, 0), agency
