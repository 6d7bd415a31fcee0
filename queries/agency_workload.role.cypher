// agency_workload with `role` set: counted over the ASSIGNED_TO rels themselves,
// since INVOLVES sums every role together (catalogue.py `variants`). Same columns,
// same order, same parameters as agency_workload.cypher.
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (t.plan_id = $plan OR $plan IS NULL)
  AND (g.jurisdiction CONTAINS $jurisdiction OR $jurisdiction IS NULL)
  AND (g.kind = $kind OR $kind IS NULL)
  AND (g.function = $function OR $function IS NULL)
  AND (a.role = $role OR $role IS NULL)
  AND (EXISTS {
         MATCH (p:Plan)
         WHERE p.id = t.plan_id AND p.period_start <= $year AND coalesce(p.period_end, p.period_start) >= $year
       } OR $year IS NULL)
// One ASSIGNED_TO per task and agency (the loader merges them), so counting rows
// counts distinct tasks: no DISTINCT over a million rows.
WITH g,
     count(*) AS tasks,
     count(CASE WHEN a.lead THEN 1 END) AS lead,
     count(CASE WHEN a.lead AND a.lead_basis = 'explicit' THEN 1 END) AS lead_explicit,
     count(CASE WHEN a.lead AND a.lead_basis = 'first_listed' THEN 1 END) AS lead_first_listed,
     count(CASE WHEN a.role = 'support' THEN 1 END) AS support,
     count(CASE WHEN a.inherited THEN 1 END) AS inherited,
     count(DISTINCT t.plan_id) AS plans
RETURN g.id AS id, g.name AS name, g.jurisdiction AS jurisdiction, g.kind AS kind, g.function AS function,
       tasks, lead, lead_explicit, lead_first_listed, support, inherited, plans
ORDER BY CASE $sort
           WHEN 'lead' THEN lead
           WHEN 'lead_explicit' THEN lead_explicit
           WHEN 'support' THEN support
           WHEN 'inherited' THEN inherited
           WHEN 'plans' THEN plans
           ELSE tasks END DESC,
         tasks DESC, id
SKIP $offset LIMIT $limit
