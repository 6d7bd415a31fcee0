// name = "graph_edges"
// title = "任务分工关系图"
// description = "Edges of the assignment network (plan → task → agency) for other tools; node names ride along."
// columns = ["source", "source_label", "source_name", "target", "target_label", "target_name", "type", "role", "lead_basis"]
// sort_by = ["type", "source", "target"]
// params = [
//   {name = "plan", type = "str", description = "only this plan (plan id)"},
//   {name = "agency", type = "str", description = "only tasks of this agency (agency id)"},
// ]
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (t.plan_id = $plan OR $plan IS NULL)
  AND (g.id = $agency OR $agency IS NULL)
RETURN t.id AS source, 'Task' AS source_label, t.title AS source_name, g.id AS target, 'Agency' AS target_label,
       g.name AS target_name, 'ASSIGNED_TO' AS type, a.role AS role, a.lead_basis AS lead_basis
UNION ALL
MATCH (t:Task)-[:ASSIGNED_TO]->(g:Agency)
WHERE (t.plan_id = $plan OR $plan IS NULL)
  AND (g.id = $agency OR $agency IS NULL)
MATCH (p:Plan)
WHERE p.id = t.plan_id
RETURN DISTINCT p.id AS source, 'Plan' AS source_label, p.title AS source_name, t.id AS target, 'Task' AS target_label,
       t.title AS target_name, 'HAS_TASK' AS type, '' AS role, '' AS lead_basis
