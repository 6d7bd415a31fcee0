// name = "task_table"
// title = "重点任务分工表（任务）"
// description = "Every task of a plan (or of all plans) in document order with section, deadline and the targets it sets: the rows of the 任务分工表."
// columns = ["plan_id", "issuer", "plan_title", "id", "number", "label", "part", "section", "title", "text", "clause", "deadline_text", "targets", "line"]
// list_columns = ["targets"]
// params = [
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
// ]
MATCH (t:Task)
WHERE (t.plan_id = $plan OR $plan IS NULL)
MATCH (p:Plan)
WHERE p.id = t.plan_id
OPTIONAL MATCH (t)-[:SETS]->(x:Target)
RETURN p.id AS plan_id, p.issuer AS issuer, p.title AS plan_title, t.id AS id, t.number AS number, t.label AS label,
       t.part AS part, t.section_title AS section, t.title AS title, t.text AS text, t.clause AS clause,
       t.deadline_text AS deadline_text, collect(DISTINCT x.text) AS targets, t.line AS line
ORDER BY plan_id, line, id
