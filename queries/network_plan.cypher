// name = "network_plan"
// title = "规划任务分工图"
// description = "One plan's sections, tasks and the agencies assigned to them: a row per task and agency (agency empty for unassigned tasks)."
// columns = ["plan_id", "plan_title", "issuer", "section_id", "section_label", "section_title", "task_id", "number", "label", "title", "line", "agency", "agency_name", "agency_kind", "agency_jurisdiction", "role", "lead", "lead_basis", "inherited", "position"]
// params = [
//   {name = "plan", type = "str", required = true, description = "plan id"},
//   {name = "kind", type = "str", description = "only agencies of this kind", choices = ["department", "party_organ", "lower_government", "collective", "development_zone", "state_enterprise", "institute", "central_vertical", "other"]},
//   {name = "jurisdiction", type = "str", description = "only agencies of this jurisdiction or below it (id or name)", example = "溧水区"},
// ]
MATCH (p:Plan)
WHERE p.id = $plan
MATCH (t:Task)
WHERE t.plan_id = p.id
OPTIONAL MATCH (s:Section)-[:HAS_TASK]->(t)
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (g.kind = $kind OR $kind IS NULL)
  AND (g.jurisdiction CONTAINS $jurisdiction OR $jurisdiction IS NULL)
RETURN p.id AS plan_id, p.title AS plan_title, p.issuer AS issuer,
       s.id AS section_id, s.label AS section_label, s.title AS section_title,
       t.id AS task_id, t.number AS number, t.label AS label, t.title AS title, t.line AS line,
       g.id AS agency, g.name AS agency_name, g.kind AS agency_kind, g.jurisdiction AS agency_jurisdiction,
       a.role AS role, a.lead AS lead, a.lead_basis AS lead_basis, a.inherited AS inherited, a.position AS position
ORDER BY line, task_id, position, agency
