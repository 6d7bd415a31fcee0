// name = "network_industries"
// title = "产业布局网络：产业 × 地区"
// description = "Which jurisdictions' plans promote which industries: a row per industry and issuing jurisdiction, with how many jurisdictions chase the industry."
// columns = ["industry", "industry_name", "jurisdictions", "jurisdiction", "issuer", "plans", "tiers", "names"]
// list_columns = ["tiers", "names"]
// params = [
//   {name = "plan", type = "str", description = "only this plan (plan id)"},
//   {name = "jurisdiction", type = "str", description = "only plans issued by this jurisdiction or below it (id or name)", example = "无锡市"},
//   {name = "tier", type = "str", description = "only mentions in this tier as written, e.g. 未来产业", example = "未来产业"},
//   {name = "min_jurisdictions", type = "int", default = 1, min = 1, description = "only industries promoted by at least this many jurisdictions"},
// ]
MATCH (p:Plan)-[r:PROMOTES]->(i:Industry)
WHERE (p.id = $plan OR $plan IS NULL)
  AND (p.issuer_id CONTAINS $jurisdiction OR $jurisdiction IS NULL)
  AND (r.tier = $tier OR $tier IS NULL)
WITH i, count(DISTINCT p.issuer_id) AS jurisdictions
WHERE jurisdictions >= $min_jurisdictions
MATCH (q:Plan)-[m:PROMOTES]->(i)
WHERE (q.id = $plan OR $plan IS NULL)
  AND (q.issuer_id CONTAINS $jurisdiction OR $jurisdiction IS NULL)
  AND (m.tier = $tier OR $tier IS NULL)
WITH i, jurisdictions, q.issuer_id AS jurisdiction, q.issuer AS issuer,
     count(DISTINCT q.id) AS plans, collect(DISTINCT m.tier) AS tiers, collect(DISTINCT m.name) AS names
RETURN i.id AS industry, i.name AS industry_name, jurisdictions, jurisdiction, issuer, plans, tiers, names
ORDER BY jurisdictions DESC, industry, jurisdiction
