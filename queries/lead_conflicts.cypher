// name = "lead_conflicts"
// title = "牵头单位不清的任务"
// description = "Assigned tasks with several explicit leads, or with no lead at all (neither marked nor first listed)."
// columns = ["plan_id", "issuer", "id", "number", "title", "problem", "explicit_leads", "leads", "units", "clause", "line"]
// list_columns = ["leads", "units"]
// paged = true
// params = [
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
//   {name = "problem", type = "str", description = "only this kind of problem", choices = ["several_explicit_leads", "no_lead"]},
//   {name = "limit", type = "int", default = 200, min = 1, max = 100000, description = "rows to return"},
//   {name = "offset", type = "int", default = 0, min = 0, description = "rows to skip"},
// ]
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (t.plan_id = $plan OR $plan IS NULL)
WITH t,
     count(DISTINCT CASE WHEN a.lead AND a.lead_basis = 'explicit' THEN g.id END) AS explicit_leads,
     count(DISTINCT CASE WHEN a.lead THEN g.id END) AS any_leads,
     collect(DISTINCT CASE WHEN a.lead THEN g.name END) AS leads,
     collect(DISTINCT g.name) AS units
WITH t, explicit_leads, leads, units,
     CASE WHEN explicit_leads > 1 THEN 'several_explicit_leads' WHEN any_leads = 0 THEN 'no_lead' END AS problem
WHERE problem IS NOT NULL AND (problem = $problem OR $problem IS NULL)
MATCH (p:Plan)
WHERE p.id = t.plan_id
RETURN p.id AS plan_id, p.issuer AS issuer, t.id AS id, t.number AS number, t.title AS title, problem,
       explicit_leads, leads, units, t.clause AS clause, t.line AS line
ORDER BY plan_id, line, id
SKIP $offset LIMIT $limit
