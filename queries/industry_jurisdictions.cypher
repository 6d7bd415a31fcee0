// name = "industry_jurisdictions"
// title = "产业布局的地区对照"
// description = "For each canonical industry, every plan (and so jurisdiction) that promotes it, the tiers and names it uses there, and each scale target it sets for it."
// columns = ["industry", "plan_id", "issuer", "jurisdiction", "period_end", "tiers", "names", "line", "target_id", "target_text", "value", "value_max", "unit", "comparator", "year"]
// list_columns = ["tiers", "names"]
// params = [
//   {name = "industry", type = "str", description = "only this canonical industry", example = "新能源汽车"},
//   {name = "plan", type = "str", description = "only this plan (plan id)"},
// ]
MATCH (p:Plan)-[r:PROMOTES]->(i:Industry)
WHERE (i.id = $industry OR $industry IS NULL)
  AND (p.id = $plan OR $plan IS NULL)
WITH p, i, collect(DISTINCT r.tier) AS tiers, collect(DISTINCT r.name) AS names, min(r.line) AS line
OPTIONAL MATCH (x:Target)-[:ABOUT]->(i)
WHERE x.plan_id = p.id
RETURN i.id AS industry, p.id AS plan_id, p.issuer AS issuer, p.issuer_id AS jurisdiction, p.period_end AS period_end,
       tiers, names, line, x.id AS target_id, x.text AS target_text, x.value AS value, x.value_max AS value_max,
       x.unit AS unit, x.comparator AS comparator, x.year AS year
ORDER BY industry, plan_id, coalesce(target_id, '')
