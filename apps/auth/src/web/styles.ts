/**
 * The one style sheet of the auth server's pages, served locally at {@link STYLESHEET_PATH} (no CDN, no web
 * fonts). System fonts, high-contrast colours (WCAG AA), visible focus rings, readable without JavaScript.
 */
export const STYLESHEET_PATH = '/assets/auth.css';

export const STYLESHEET = `
:root{--ink:#1c2733;--muted:#52606d;--line:#d5dde5;--bg:#f4f6f9;--card:#fff;--brand:#0b5fa5;--brand-dark:#08477c;
--ok:#1d7a46;--ok-bg:#e7f5ed;--warn:#8a5a00;--warn-bg:#fff6df;--err:#b3261e;--err-bg:#fdecea;--radius:10px}
*{box-sizing:border-box}
html{font-size:16px}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);
background:var(--bg);line-height:1.5}
a{color:var(--brand)}a:hover{color:var(--brand-dark)}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}.skip:focus{left:1rem}
header.site{background:#0f2a43;color:#fff}
header.site .inner{max-width:1040px;margin:0 auto;padding:.85rem 1.25rem;display:flex;align-items:center;gap:1.5rem;flex-wrap:wrap}
header.site .brand{font-weight:700;font-size:1.05rem;color:#fff;text-decoration:none;display:flex;align-items:center;gap:.5rem}
header.site .brand .mark{display:inline-grid;place-items:center;width:1.8rem;height:1.8rem;border-radius:6px;background:#2f8fdd;font-size:.9rem}
header.site nav{display:flex;gap:1rem;flex-wrap:wrap;margin-left:auto}
header.site nav a{color:#d9e8f6;text-decoration:none;font-size:.95rem}header.site nav a:hover,header.site nav a[aria-current]{color:#fff;text-decoration:underline}
main{max-width:1040px;margin:0 auto;padding:2rem 1.25rem 3rem}
main.narrow{max-width:520px}
main.medium{max-width:760px}
h1{font-size:1.6rem;margin:0 0 .25rem;line-height:1.25}
h2{font-size:1.2rem;margin:1.75rem 0 .5rem}
h3{font-size:1.02rem;margin:1rem 0 .35rem}
p.lead{color:var(--muted);margin:.25rem 0 1.5rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:1.5rem;margin:0 0 1.25rem;
box-shadow:0 1px 2px rgba(16,42,67,.06)}
.card>h2:first-child,.card>h3:first-child{margin-top:0}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}
.hint{display:block;font-weight:400;color:var(--muted);font-size:.88rem}
input[type=text],input[type=password],input[type=email],input[type=url],input[type=date],input[type=number],input[type=search],select,textarea{
width:100%;padding:.6rem .7rem;border:1px solid #9aa8b6;border-radius:6px;font:inherit;background:#fff;color:var(--ink)}
textarea{min-height:5.5rem;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88rem}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #7cb8ea;outline-offset:1px}
.btn,button{display:inline-block;border:1px solid transparent;border-radius:6px;padding:.6rem 1.15rem;font:inherit;font-weight:600;
cursor:pointer;text-decoration:none;background:var(--brand);color:#fff;line-height:1.3}
.btn:hover,button:hover{background:var(--brand-dark);color:#fff}
.btn,button{white-space:nowrap}
.card>input[type=hidden]:first-child+h2{margin-top:0}
.btn.secondary,button.secondary{background:#fff;color:var(--brand);border-color:#9aa8b6}
.btn.secondary:hover,button.secondary:hover{background:#eef4fa;color:var(--brand-dark)}
.btn.danger,button.danger{background:#fff;color:var(--err);border-color:#e0a6a1}
.btn.danger:hover,button.danger:hover{background:var(--err-bg)}
.btn.small,button.small{padding:.35rem .7rem;font-size:.88rem}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center;margin-top:1.25rem}
.alert{border-radius:8px;padding:.8rem 1rem;margin:0 0 1.25rem;border:1px solid}
.alert.error{background:var(--err-bg);border-color:#f1b4ae;color:#7a1c16}
.alert.ok{background:var(--ok-bg);border-color:#a9dcbd;color:#124d2c}
.alert.warn{background:var(--warn-bg);border-color:#f0d48a;color:#5c3c00}
.alert.info{background:#eaf3fb;border-color:#b5d3ee;color:#0d3a61}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;padding:.55rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
tbody tr:hover{background:#f8fafc}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88rem;word-break:break-all}
.secret{background:#fff6df;border:1px dashed #d9a400;padding:.6rem .8rem;border-radius:6px;display:block}
.badge{display:inline-block;padding:.1rem .55rem;border-radius:999px;font-size:.78rem;font-weight:600;background:#e8edf2;color:#33414e}
.badge.ok{background:var(--ok-bg);color:var(--ok)}.badge.warn{background:var(--warn-bg);color:var(--warn)}.badge.err{background:var(--err-bg);color:var(--err)}
.app-head{display:flex;gap:1rem;align-items:center;margin-bottom:1rem}
.app-head .mono{white-space:nowrap}
.app-logo{width:3rem;height:3rem;border-radius:10px;background:#dbe9f6;color:#0b5fa5;display:grid;place-items:center;font-weight:700;font-size:1.3rem;flex:none}
fieldset{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem 1rem;margin:1rem 0}
legend{font-weight:700;padding:0 .35rem}
.check{display:flex;gap:.6rem;align-items:flex-start;margin:.45rem 0;font-weight:400}
.check input{margin-top:.3rem;width:1.05rem;height:1.05rem;flex:none}
.check .what{font-weight:600}
.sub{margin-left:1.7rem;border-left:3px solid var(--line);padding-left:.8rem}
.sub.types{columns:2 16rem;column-gap:1.5rem}.sub.types .check{break-inside:avoid;margin:.2rem 0}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:0 1rem}
@media (max-width:640px){.grid2{grid-template-columns:1fr}header.site nav{margin-left:0}}
.patient-list{list-style:none;margin:0;padding:0}
.patient-list li{border:1px solid var(--line);border-radius:8px;margin:.5rem 0;background:#fff}
.patient-list button{width:100%;text-align:left;background:#fff;color:var(--ink);border:0;padding:.75rem 1rem;display:flex;justify-content:space-between;gap:1rem;font-weight:400}
.patient-list button:hover{background:#eef4fa;color:var(--ink)}
.patient-list .name{font-weight:700}
.muted{color:var(--muted)}
footer.site{max-width:1040px;margin:0 auto;padding:1rem 1.25rem 2rem;color:var(--muted);font-size:.85rem}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
form.inline{display:inline}
.push{margin-left:auto}
.tight{margin:0}
.flush{margin-top:0}
ul.compact{margin:0;padding-left:1.1rem}
textarea.short{min-height:2.6rem}
a.tile{display:block;text-decoration:none;color:inherit}a.tile h2{color:var(--brand)}a.tile:hover{border-color:#9ab8d6}
`;
