/**
 * One train or dev writer's posts, by id, with the classifier's explanation and the rule stage's entities:
 * for reading a dev error's cause.   npx tsx bench/classify-explain.ts WRITER ID…
 */
import { loadCorpus } from '../src/analyze/classify/corpus.js';
import { classifyPostDetail, stagePost } from '../src/analyze/classify/classify.js';

const [writer, ...ids] = process.argv.slice(2);
for (const s of await loadCorpus(undefined, ['train', 'dev'])) {
  if (s.writer !== writer) continue;
  for (const p of s.posts) {
    if (!ids.includes(p.id)) continue;
    const post = { id: p.id, platform: p.platform, authorHandle: p.author, text: p.text, hashtags: [], mentions: [], lang: p.lang } as never;
    const d = classifyPostDetail(post, s.cw);
    const st = stagePost(post, s.cw);
    console.log(p.id, p.text);
    console.log('  entities:', st.rs.scan.entities.map((e) => `${st.rs.scan.folded.str.slice(e.start, e.end)}=${"id" in e.payload ? e.payload.id : e.payload.kind}:${e.via}:${(e.payload as any).mode}`).join(' | '));
    console.log('  ', JSON.stringify(d).slice(0, 1500));
  }
}
