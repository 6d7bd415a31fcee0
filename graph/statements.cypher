// The loader's statements, read by both stores (graph/base.py `statement()`).
// Each block starts with `// name: <name>`. {label}, {type}, {src}, {dst} and {set}
// are filled from graph/model.py (never from data); values are always $parameters.

// name: merge_nodes
UNWIND $rows AS r
MERGE (n:{label} {id: r.id})
{set}

// name: merge_rels
UNWIND $rows AS r
MATCH (a:{src} {id: r.src}), (b:{dst} {id: r.dst})
MERGE (a)-[e:{type}]->(b)
{set}

// name: delete_plan_scoped
MATCH (n:{label})
WHERE n.plan_id = $plan_id
DETACH DELETE n

// name: delete_plan_documents
// A document read only for this plan goes with it; one shared with another plan stays.
MATCH (p:Plan {id: $plan_id})-[:FROM]->(d:Document)
WHERE NOT EXISTS { MATCH (d)<-[:FROM]-(o:Plan) WHERE o.id <> $plan_id }
DETACH DELETE d

// name: delete_plan
MATCH (p:Plan {id: $plan_id})
DETACH DELETE p

// name: count_nodes
MATCH (n:{label})
RETURN count(n) AS n

// name: count_rels
MATCH ()-[r:{type}]->()
RETURN count(r) AS n

// name: plan_ids
MATCH (p:Plan)
RETURN p.id AS id
ORDER BY id

// name: any_node
MATCH (n)
RETURN n.id AS id
LIMIT 1
