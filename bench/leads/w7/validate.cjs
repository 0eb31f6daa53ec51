const fs=require('fs');
const dir='/work/main/bench/leads/w7/';
const wl=fs.readFileSync(dir+'watchlist.yaml','utf8');
const ids=new Set([...wl.matchAll(/\bid:\s*([a-z0-9-]+)/g)].map(m=>m[1]));
const raceIds=[...wl.matchAll(/- id:\s*(race-[a-z0-9-]+)/g)].map(m=>m[1]);
const candIds=[...wl.matchAll(/- id:\s*(c-[a-z0-9-]+)/g)].map(m=>m[1]);
const actorIds=[...wl.matchAll(/\{ id:\s*([a-z0-9-]+)/g)].map(m=>m[1]);
// affiliations and countries
for (const m of wl.matchAll(/affiliation:\s*([a-z0-9-]+)/g)) if(!actorIds.includes(m[1])) throw 'bad affiliation '+m[1];
for (const line of wl.split('\n').filter(l=>l.includes('{ id:'))) if(!/country: [A-Z]{2},/.test(line)) throw 'no country '+line;
const lines=fs.readFileSync(dir+'articles.jsonl','utf8').split('\n').filter(l=>l.length);
if(lines.length!==30) throw 'need 30 lines, got '+lines.length;
const K=new Set(['directive','harassment','threat','money','coordination','hacking','other']);
const R=new Set(['condemnation','denial','counter_accusation','no_comment','other']);
let c={lead:0,no:0,en:0,es:0,pt:0};
lines.forEach((l,i)=>{
  const a=JSON.parse(l);
  const want='w7-'+String(i+1).padStart(2,'0'); if(a.id!==want) throw 'id order '+a.id;
  if(!['en','es','pt'].includes(a.lang)) throw 'lang '+a.id; c[a.lang]++;
  const w=a.text.split(/\s+/).length; if(w<150||w>600) throw 'words '+a.id+' '+w;
  const e=a.expect;
  for (const k of ['allegations','actor_ids','race_ids','candidate_ids','accusers','quoted_posts','responses']) if(!Array.isArray(e[k])) throw 'missing '+k+' '+a.id;
  e.actor_ids.forEach(x=>{if(!actorIds.includes(x)) throw 'actor '+x+' '+a.id});
  e.race_ids.forEach(x=>{if(!raceIds.includes(x)) throw 'race '+x+' '+a.id});
  e.candidate_ids.forEach(x=>{if(!candIds.includes(x)) throw 'cand '+x+' '+a.id});
  e.allegations.forEach(x=>{if(!K.has(x)) throw 'alleg '+x});
  e.responses.forEach(r=>{if(!R.has(r.kind)||!r.speaker) throw 'resp '+a.id});
  e.quoted_posts.forEach(p=>{if(!p.author_handle||!(p.date===null||/^\d{4}-\d{2}-\d{2}$/.test(p.date))) throw 'post '+a.id; if(!a.text.includes(p.author_handle)) throw 'handle not in text '+a.id});
  if(e.lead){ c.lead++; if(!e.allegations.length||!e.actor_ids.length||!e.race_ids.length||!e.accusers.length) throw 'lead w/o core '+a.id;
    e.accusers.forEach(x=>{if(!a.text.includes(x)) throw 'accuser not in text '+a.id+' '+x});
  } else { c.no++; for (const k of ['allegations','actor_ids','race_ids','candidate_ids','accusers','quoted_posts','responses']) if(e[k].length) throw 'nolead nonempty '+a.id+' '+k; }
});
console.log('OK', JSON.stringify(c), 'races',raceIds.length,'cands',candIds.length,'actors',actorIds.length);
