const OpenCC = require('opencc-js/t2cn');
console.log(Object.keys(OpenCC));
const t0=Date.now();
const conv = OpenCC.Converter({ from: 't', to: 'cn' });
const chars=[]; for (let c=0x3400;c<=0x9fff;c++) chars.push(String.fromCharCode(c));
for (let c=0xf900;c<=0xfaff;c++) chars.push(String.fromCharCode(c));
const out = conv(chars.join('\n')).split('\n');
let n=0, bad=0; for (let i=0;i<chars.length;i++){ if(out[i]!==chars[i]){ n++; if(out[i].length!==1) bad++; } }
console.log('ms', Date.now()-t0, 'changed', n, 'notsingle', bad, out.length===chars.length);
console.log(conv('法輪功 臺獨 黨建 鄉村振興 安全生產 漕涇鎮 乾隆 著作 後來 发 干 面 里 台'));
const c2 = OpenCC.Converter({ from: 'hk', to: 'cn' }); console.log(c2('臺獨 裏 綫'));
