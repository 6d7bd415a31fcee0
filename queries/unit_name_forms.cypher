// name = "unit_name_forms"
// title = "同一单位的不同写法"
// description = "Each responsible body of a plan with every form its name is written in (in clauses and in the indicator table), how often and where."
// columns = ["plan_id", "issuer", "agency", "agency_name", "jurisdiction", "raw", "uses", "first_line", "lines"]
// list_columns = ["lines"]
// params = [
//   {name = "plan", type = "str", description = "only this plan (plan id)"},
// ]
MATCH (s)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (s.plan_id = $plan OR $plan IS NULL)
MATCH (p:Plan)
WHERE p.id = s.plan_id
RETURN p.id AS plan_id, p.issuer AS issuer, g.id AS agency, g.name AS agency_name, g.jurisdiction AS jurisdiction,
       a.raw AS raw, count(*) AS uses, min(a.line) AS first_line, collect(DISTINCT a.line) AS lines
ORDER BY plan_id, agency, raw
