// name = "agency_detail"
// title = "部门概况"
// description = "One agency: who it is and its task counts (zero where it has none)."
// columns = ["id", "name", "jurisdiction", "kind", "function", "tasks", "lead", "lead_explicit", "lead_first_listed", "support", "inherited", "plans", "partners"]
// params = [
//   {name = "agency", type = "str", required = true, description = "agency id", example = "江苏省/南京市/溧水区:工业和信息化局"},
// ]
MATCH (g:Agency {id: $agency})
OPTIONAL MATCH (t:Task)-[a:ASSIGNED_TO]->(g)
WITH g,
     count(DISTINCT t) AS tasks,
     count(DISTINCT CASE WHEN a.lead THEN t.id END) AS lead,
     count(DISTINCT CASE WHEN a.lead AND a.lead_basis = 'explicit' THEN t.id END) AS lead_explicit,
     count(DISTINCT CASE WHEN a.lead AND a.lead_basis = 'first_listed' THEN t.id END) AS lead_first_listed,
     count(DISTINCT CASE WHEN a.role = 'support' THEN t.id END) AS support,
     count(DISTINCT CASE WHEN a.inherited THEN t.id END) AS inherited,
     count(DISTINCT t.plan_id) AS plans
OPTIONAL MATCH (g)<-[:ASSIGNED_TO]-(:Task)-[:ASSIGNED_TO]->(o:Agency)
WHERE o.id <> g.id
RETURN g.id AS id, g.name AS name, g.jurisdiction AS jurisdiction, g.kind AS kind, g.function AS function,
       tasks, lead, lead_explicit, lead_first_listed, support, inherited, plans,
       count(DISTINCT o.id) AS partners
