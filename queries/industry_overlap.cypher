// name = "industry_overlap"
// title = "多地共同布局的产业"
// description = "Industries (canonical) pursued by several plans or jurisdictions, with the tiers and names used and the scale targets set."
// columns = ["industry", "plans", "jurisdictions", "issuers", "tiers", "names", "targets"]
// list_columns = ["issuers", "tiers", "names", "targets"]
// params = [
//   {name = "min_plans", type = "int", default = 2, min = 1, description = "only industries named by at least this many plans"},
//   {name = "tier", type = "str", description = "only mentions in this tier as written, e.g. 未来产业", example = "未来产业"},
//   {name = "limit", type = "int", default = 100, min = 1, max = 10000, description = "rows to return"},
// ]
MATCH (p:Plan)-[r:PROMOTES]->(i:Industry)
WHERE (r.tier = $tier OR $tier IS NULL)
WITH i, count(DISTINCT p.id) AS plans, count(DISTINCT p.issuer_id) AS jurisdictions,
     collect(DISTINCT p.issuer) AS issuers, collect(DISTINCT r.tier) AS tiers, collect(DISTINCT r.name) AS names
WHERE plans >= $min_plans
OPTIONAL MATCH (x:Target)-[:ABOUT]->(i)
RETURN i.id AS industry, plans, jurisdictions, issuers, tiers, names, collect(DISTINCT x.text) AS targets
ORDER BY plans DESC, jurisdictions DESC, industry
LIMIT $limit
