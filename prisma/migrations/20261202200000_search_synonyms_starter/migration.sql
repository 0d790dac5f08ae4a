-- Hand-written migration (see README, Migrations).

-- A starter list of 同义词 (SearchSynonym, managed at /admin/search/synonyms): the abbreviations a
-- government site's readers type for the full names its articles use, and the reverse, so a new site
-- finds 新冠 / 新型冠状病毒 or 人大 / 人民代表大会 before anyone has edited the list. Only unambiguous
-- pairs of standard usage; the administrator may change or remove any of them. A group is added only
-- when no group the site already has shares a word with it (an upgraded site keeps its own list).
INSERT INTO "SearchSynonym" ("id", "words", "createdAt", "updatedAt")
-- One microsecond apart: the admin's list is ordered by createdAt.
SELECT gen_random_uuid(), starter.words, now() + starter.position * interval '1 microsecond', now()
FROM (VALUES
  (1, ARRAY['新冠', '新型冠状病毒']),
  (2, ARRAY['危化品', '危险化学品']),
  (3, ARRAY['化工区', '化学工业区']),
  (4, ARRAY['人大', '人民代表大会']),
  (5, ARRAY['政协', '政治协商会议']),
  (6, ARRAY['纪委', '纪律检查委员会']),
  (7, ARRAY['监委', '监察委员会']),
  (8, ARRAY['发改委', '发展和改革委员会']),
  (9, ARRAY['经信委', '经济和信息化委员会']),
  (10, ARRAY['国资委', '国有资产监督管理委员会']),
  (11, ARRAY['卫健委', '卫生健康委员会']),
  (12, ARRAY['人社局', '人力资源和社会保障局']),
  (13, ARRAY['市监局', '市场监督管理局']),
  (14, ARRAY['应急局', '应急管理局']),
  (15, ARRAY['高新区', '高新技术产业开发区']),
  (16, ARRAY['经开区', '经济技术开发区']),
  (17, ARRAY['自贸区', '自由贸易试验区']),
  (18, ARRAY['进博会', '进口博览会']),
  (19, ARRAY['非公企业', '非公有制企业']),
  (20, ARRAY['环保', '环境保护']),
  (21, ARRAY['妇联', '妇女联合会']),
  (22, ARRAY['残联', '残疾人联合会']),
  (23, ARRAY['科协', '科学技术协会']),
  (24, ARRAY['工商联', '工商业联合会']),
  (25, ARRAY['文联', '文学艺术界联合会']),
  (26, ARRAY['劳模', '劳动模范']),
  (27, ARRAY['医保', '医疗保障', '医疗保险']),
  (28, ARRAY['社保', '社会保险']),
  (29, ARRAY['低保', '最低生活保障']),
  (30, ARRAY['国企', '国有企业']),
  (31, ARRAY['民企', '民营企业']),
  (32, ARRAY['央企', '中央企业']),
  (33, ARRAY['高校', '高等学校', '高等院校']),
  (34, ARRAY['城管', '城市管理']),
  (35, ARRAY['公租房', '公共租赁住房']),
  (36, ARRAY['新农合', '新型农村合作医疗']),
  (37, ARRAY['综治', '社会治安综合治理'])
) AS starter(position, words)
WHERE NOT EXISTS (SELECT 1 FROM "SearchSynonym" existing WHERE existing.words && starter.words);
