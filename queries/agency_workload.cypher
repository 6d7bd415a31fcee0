// name = "agency_workload"
// title = "部门任务负荷排行"
// description = "Tasks per responsible agency: total, as lead (explicit and first-listed apart), as support, inherited, plans touched."
// columns = ["id", "name", "jurisdiction", "kind", "function", "tasks", "lead", "lead_explicit", "lead_first_listed", "support", "inherited", "plans"]
// paged = true
// page_in_runner = true
// params = [
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
//   {name = "jurisdiction", type = "str", description = "only agencies of this jurisdiction or below it (id or name, e.g. 江苏省/南京市 or 溧水区)", example = "溧水区"},
//   {name = "kind", type = "str", description = "only agencies of this kind", choices = ["department", "party_organ", "lower_government", "collective", "development_zone", "state_enterprise", "institute", "central_vertical", "other"]},
//   {name = "function", type = "str", description = "only agencies of this function (kind of body), e.g. 工业和信息化局", example = "工业和信息化局"},
//   {name = "role", type = "str", description = "count only assignments in this role", choices = ["lead", "support"]},
//   {name = "year", type = "int", description = "only plans in force in this year (period_start <= year <= period_end)", example = 2027},
//   {name = "sort", type = "str", default = "tasks", description = "rank by this count", choices = ["tasks", "lead", "lead_explicit", "support", "inherited", "plans"]},
//   {name = "limit", type = "int", default = 50, min = 1, max = 10000, description = "rows to return"},
//   {name = "offset", type = "int", default = 0, min = 0, description = "rows to skip"},
// ]
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (t.plan_id = $plan OR $plan IS NULL)
  AND (g.jurisdiction CONTAINS $jurisdiction OR $jurisdiction IS NULL)
  AND (g.kind = $kind OR $kind IS NULL)
  AND (g.function = $function OR $function IS NULL)
  AND (a.role = $role OR $role IS NULL)
  AND (EXISTS {
         MATCH (p:Plan)
         WHERE p.id = t.plan_id AND p.period_start <= $year AND coalesce(p.period_end, p.period_start) >= $year
       } OR $year IS NULL)
// One ASSIGNED_TO per task and agency (the loader merges them), so counting rows
// counts distinct tasks: no DISTINCT over a million rows.
WITH g,
     count(*) AS tasks,
     count(CASE WHEN a.lead THEN 1 END) AS lead,
     count(CASE WHEN a.lead AND a.lead_basis = 'explicit' THEN 1 END) AS lead_explicit,
     count(CASE WHEN a.lead AND a.lead_basis = 'first_listed' THEN 1 END) AS lead_first_listed,
     count(CASE WHEN a.role = 'support' THEN 1 END) AS support,
     count(CASE WHEN a.inherited THEN 1 END) AS inherited,
     count(DISTINCT t.plan_id) AS plans
RETURN g.id AS id, g.name AS name, g.jurisdiction AS jurisdiction, g.kind AS kind, g.function AS function,
       tasks, lead, lead_explicit, lead_first_listed, support, inherited, plans
ORDER BY CASE $sort
           WHEN 'lead' THEN lead
           WHEN 'lead_explicit' THEN lead_explicit
           WHEN 'support' THEN support
           WHEN 'inherited' THEN inherited
           WHEN 'plans' THEN plans
           ELSE tasks END DESC,
         tasks DESC, id
SKIP $offset LIMIT $limit
