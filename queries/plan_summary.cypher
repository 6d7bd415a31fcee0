// name = "plan_summary"
// title = "规划概况"
// description = "One plan: issuer, period, status and its counts of sections, tasks, assignments, leads, targets, indicators and industries."
// columns = ["id", "title", "issuer", "issuer_id", "issuer_level", "kind", "period_start", "period_end", "status", "document_number", "issue_date", "issuing_office", "sections", "tasks", "safeguards", "unassigned", "targets", "indicators", "industries", "agencies", "assignments", "leads_explicit", "leads_first_listed"]
// params = [
//   {name = "plan", type = "str", required = true, description = "plan id"},
// ]
MATCH (p:Plan {id: $plan})
WITH p,
     COUNT { MATCH (p)-[:HAS_SECTION]->(:Section) } AS sections,
     COUNT { MATCH (t:Task) WHERE t.plan_id = p.id AND t.part <> 'safeguards' } AS tasks,
     COUNT { MATCH (t:Task) WHERE t.plan_id = p.id AND t.part = 'safeguards' } AS safeguards,
     COUNT { MATCH (t:Task) WHERE t.plan_id = p.id AND NOT EXISTS { MATCH (t)-[:ASSIGNED_TO]->(:Agency) } } AS unassigned,
     COUNT { MATCH (x:Target) WHERE x.plan_id = p.id } AS targets,
     COUNT { MATCH (p)-[:HAS_INDICATOR]->(:Indicator) } AS indicators,
     COUNT { MATCH (p)-[:PROMOTES]->(:Industry) } AS industries
OPTIONAL MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE t.plan_id = p.id
RETURN p.id AS id, p.title AS title, p.issuer AS issuer, p.issuer_id AS issuer_id, p.issuer_level AS issuer_level,
       p.kind AS kind, p.period_start AS period_start, p.period_end AS period_end, p.status AS status,
       p.document_number AS document_number, p.issue_date AS issue_date, p.issuing_office AS issuing_office,
       sections, tasks, safeguards, unassigned, targets, indicators, industries,
       count(DISTINCT g.id) AS agencies, count(a) AS assignments,
       count(DISTINCT CASE WHEN a.lead AND a.lead_basis = 'explicit' THEN t.id END) AS leads_explicit,
       count(DISTINCT CASE WHEN a.lead AND a.lead_basis = 'first_listed' THEN t.id END) AS leads_first_listed
