const t0 = Date.now();
const { Jieba } = require('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict');
const nj = Jieba.withDict(dict);
const t1 = Date.now();
const wasm = require('jieba-wasm');
const t2 = Date.now();
const text = '坚持党建引领，强化政治担当。化工区党建的拓荒牛李炯同志，在文化工作和城市长远发展中，学习近乎痴迷，人文革新，金黄色的麦田，黄色安全帽，副主任李炯明主持会议，直属党委副书记李炯出席。'.repeat(50);
console.log('load ms node-rs', t1-t0, 'wasm', t2-t1, 'chars', text.length);
for (const [name, cut] of [['node-rs', (s)=>nj.cut(s, true)], ['wasm', (s)=>wasm.cut(s, true)]]) {
  cut(text);
  const s = process.hrtime.bigint();
  for (let i=0;i<20;i++) cut(text);
  const ms = Number(process.hrtime.bigint()-s)/1e6/20;
  console.log(name, 'ms per', text.length, 'chars:', ms.toFixed(2), ' short:', cut('学习近乎痴迷人文革新金黄色黄色安全帽副主任李炯明主持会议李炯主持会议城市长远化工区文化工作').join('/'));
}
console.log(nj.cut('副主任李炯明主持会议，李炯强调，村党支部书记李强介绍', true).join('/'));
console.log(nj.cut('副主任李炯明主持会议，李炯强调，村党支部书记李强介绍', false).join('/'));
