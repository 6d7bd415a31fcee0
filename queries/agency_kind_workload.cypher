// name = "agency_kind_workload"
// title = "同类部门任务负荷（跨行政区汇总）"
// description = "Agency workload rolled up by kind of body across jurisdictions (every 工业和信息化局 together)."
// columns = ["function", "kind", "agencies", "jurisdictions", "tasks", "lead", "lead_explicit", "lead_first_listed", "support", "inherited", "plans"]
// paged = true
// page_in_runner = true
// params = [
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
//   {name = "kind", type = "str", description = "only agencies of this kind", choices = ["department", "party_organ", "lower_government", "collective", "development_zone", "state_enterprise", "institute", "central_vertical", "other"]},
//   {name = "role", type = "str", description = "count only assignments in this role", choices = ["lead", "support"]},
//   {name = "year", type = "int", description = "only plans in force in this year", example = 2027},
//   {name = "limit", type = "int", default = 50, min = 1, max = 10000, description = "rows to return"},
//   {name = "offset", type = "int", default = 0, min = 0, description = "rows to skip"},
// ]
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (t.plan_id = $plan OR $plan IS NULL)
  AND (g.kind = $kind OR $kind IS NULL)
  AND (a.role = $role OR $role IS NULL)
  AND (EXISTS {
         MATCH (p:Plan)
         WHERE p.id = t.plan_id AND p.period_start <= $year AND coalesce(p.period_end, p.period_start) >= $year
       } OR $year IS NULL)
// The plan-period test as EXISTS, so the runner folds it away without a year (a
// MATCH on Plan joined every assignment even then); DISTINCT over task nodes, not
// their id strings. DISTINCT stays: one task may name two bodies of one function.
WITH coalesce(g.function, g.name) AS function, g.kind AS kind,
     count(DISTINCT g) AS agencies,
     count(DISTINCT g.jurisdiction) AS jurisdictions,
     count(DISTINCT t) AS tasks,
     count(DISTINCT CASE WHEN a.lead THEN t END) AS lead,
     count(DISTINCT CASE WHEN a.lead AND a.lead_basis = 'explicit' THEN t END) AS lead_explicit,
     count(DISTINCT CASE WHEN a.lead AND a.lead_basis = 'first_listed' THEN t END) AS lead_first_listed,
     count(DISTINCT CASE WHEN a.role = 'support' THEN t END) AS support,
     count(DISTINCT CASE WHEN a.inherited THEN t END) AS inherited,
     count(DISTINCT t.plan_id) AS plans
RETURN function, kind, agencies, jurisdictions, tasks, lead, lead_explicit, lead_first_listed, support, inherited, plans
ORDER BY tasks DESC, function, kind
SKIP $offset LIMIT $limit
