// name = "plans"
// title = "规划文件列表"
// description = "Every plan in the graph with its issuer, period, status and counts."
// columns = ["id", "title", "issuer", "issuer_id", "kind", "period_start", "period_end", "status", "document_number", "issue_date", "sections", "tasks", "targets", "industries", "agencies"]
// params = []
MATCH (p:Plan)
WITH p,
     COUNT { MATCH (p)-[:HAS_SECTION]->(:Section) } AS sections,
     COUNT { MATCH (t:Task) WHERE t.plan_id = p.id } AS tasks,
     COUNT { MATCH (x:Target) WHERE x.plan_id = p.id } AS targets,
     COUNT { MATCH (p)-[:PROMOTES]->(:Industry) } AS industries
OPTIONAL MATCH (t:Task)-[:ASSIGNED_TO]->(g:Agency)
WHERE t.plan_id = p.id
RETURN p.id AS id, p.title AS title, p.issuer AS issuer, p.issuer_id AS issuer_id, p.kind AS kind,
       p.period_start AS period_start, p.period_end AS period_end, p.status AS status,
       p.document_number AS document_number, p.issue_date AS issue_date,
       sections, tasks, targets, industries, count(DISTINCT g.id) AS agencies
ORDER BY issuer_id, id
