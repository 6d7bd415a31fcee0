// name = "agency_workload"
// title = "部门任务负荷排行"
// description = "Tasks per responsible agency: total, as lead (explicit and first-listed apart), as support, inherited, plans touched."
// columns = ["id", "name", "jurisdiction", "kind", "function", "tasks", "lead", "lead_explicit", "lead_first_listed", "support", "inherited", "plans"]
// paged = true
// page_in_runner = true
// variants = {role = "role"}
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
MATCH (p:Plan)-[s:INVOLVES]->(g:Agency)
WHERE (p.id = $plan OR $plan IS NULL)
  AND (g.jurisdiction CONTAINS $jurisdiction OR $jurisdiction IS NULL)
  AND (g.kind = $kind OR $kind IS NULL)
  AND (g.function = $function OR $function IS NULL)
  AND (p.period_start <= $year AND coalesce(p.period_end, p.period_start) >= $year OR $year IS NULL)
// INVOLVES holds each plan's counts per agency, summed from that plan's ASSIGNED_TO
// at load: one rel per plan and agency, so count(*) is the plans touched and the
// sums are the aggregation over ~1M assignments done ahead. With `role` set the
// runner takes agency_workload.role.cypher, the form over ASSIGNED_TO.
WITH g,
     sum(s.tasks) AS tasks,
     sum(s.lead) AS lead,
     sum(s.lead_explicit) AS lead_explicit,
     sum(s.lead_first_listed) AS lead_first_listed,
     sum(s.support) AS support,
     sum(s.inherited) AS inherited,
     count(*) AS plans
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
