// name = "tasks_due"
// title = "到期目标与任务"
// description = "Targets and tasks due in a year (or by a year), with the units responsible; detail is the indicator of a target, the deadline as written of a task. A task is listed by its deadline's year (task tables give deadlines); a target a task sets is its own row carrying that task's owners, so no task counts twice."
// columns = ["item", "plan_id", "issuer", "year", "id", "text", "detail", "owners", "leads", "line"]
// sort_by = ["year", "plan_id", "line", "item", "id"]
// list_columns = ["owners", "leads"]
// params = [
//   {name = "year", type = "int", required = true, description = "the year due", example = 2027},
//   {name = "by", type = "bool", default = false, description = "also everything due before that year"},
//   {name = "agency", type = "str", description = "only items this agency is responsible for (agency id)"},
//   {name = "plan", type = "str", description = "only items of this plan (plan id)"},
// ]
MATCH (x:Target)
WHERE (x.year = $year OR ($by AND x.year < $year))
  AND (x.plan_id = $plan OR $plan IS NULL)
MATCH (p:Plan)
WHERE p.id = x.plan_id
OPTIONAL MATCH (x)<-[:SETS]-(:Task)-[a:ASSIGNED_TO]->(g:Agency)
WITH p, x, collect(DISTINCT g.name) AS task_owners, collect(DISTINCT CASE WHEN a.lead THEN g.name END) AS task_leads,
     collect(DISTINCT g.id) AS task_owner_ids
OPTIONAL MATCH (x)-[:MEASURES]->(:Indicator)-[b:ASSIGNED_TO]->(h:Agency)
WITH p, x, task_owners, task_leads, task_owner_ids,
     collect(DISTINCT h.name) AS row_owners, collect(DISTINCT CASE WHEN b.lead THEN h.name END) AS row_leads,
     collect(DISTINCT h.id) AS row_owner_ids
WHERE ($agency IN task_owner_ids OR $agency IN row_owner_ids OR $agency IS NULL)
RETURN 'target' AS item, p.id AS plan_id, p.issuer AS issuer, x.year AS year, x.id AS id, x.text AS text,
       x.indicator AS detail, task_owners + row_owners AS owners, task_leads + row_leads AS leads, x.line AS line
UNION ALL
MATCH (t:Task)
WHERE (t.deadline_year = $year OR ($by AND t.deadline_year < $year))
  AND (t.plan_id = $plan OR $plan IS NULL)
MATCH (p:Plan)
WHERE p.id = t.plan_id
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(g:Agency)
WITH p, t, collect(DISTINCT g.name) AS owners, collect(DISTINCT CASE WHEN a.lead THEN g.name END) AS leads,
     collect(DISTINCT g.id) AS owner_ids
WHERE ($agency IN owner_ids OR $agency IS NULL)
RETURN 'task' AS item, p.id AS plan_id, p.issuer AS issuer, t.deadline_year AS year, t.id AS id, t.title AS text,
       t.deadline_text AS detail, owners, leads, t.line AS line
