import type { DemoPhoto } from "./demo-photos";

/**
 * The demo site's text: written for this project (people, places and figures are invented), shaped
 * like the 【先锋】 series — a series introduction as the lead, the subject with an honour and a
 * portrait, then three sections, each a heading, a photo with its caption and paragraphs.
 */

export const demoColumns = [
  {
    slug: "xianfeng",
    name: "先锋",
    seriesMark: "【先锋】",
    listStyle: "PROFILE_GRID",
    sortOrder: 10,
    description: "展示全区优秀共产党员、优秀党务工作者和先进基层党组织的先进事迹。",
  },
  {
    slug: "gongzuo-dongtai",
    name: "工作动态",
    seriesMark: "",
    listStyle: "NEWS_LIST",
    sortOrder: 20,
    description: "全区宣传思想文化工作的最新动态。",
  },
] as const;

export type DemoColumnSlug = (typeof demoColumns)[number]["slug"];

const CREDIT = "区融媒体中心";

export const demoPhotos = {
  wangPortrait: { scene: "portrait", seed: 1, alt: "王晓敏近照", caption: "王晓敏", credit: CREDIT },
  wangMeeting: {
    scene: "meeting",
    seed: 2,
    alt: "王晓敏与楼组党员围坐在桌前讨论",
    caption: "王晓敏与楼组党员一起研究加装电梯方案",
    credit: CREDIT,
  },
  wangStreet: {
    scene: "street",
    seed: 3,
    alt: "志愿者在小区道路上提着餐盒走向居民楼",
    caption: "“银龄互助”志愿者为独居老人上门送餐",
    credit: CREDIT,
  },
  wangLesson: {
    scene: "meeting",
    seed: 4,
    alt: "社区党员在活动室参加组织生活会",
    caption: "春晖社区党总支召开组织生活会",
    credit: CREDIT,
  },

  chenPortrait: { scene: "portrait", seed: 5, alt: "陈建国近照", caption: "陈建国", credit: CREDIT },
  chenField: {
    scene: "field",
    seed: 6,
    alt: "陈建国站在稻田中察看水稻",
    caption: "陈建国在稻田里察看水稻长势",
    credit: CREDIT,
  },
  chenDemo: {
    scene: "field",
    seed: 7,
    alt: "农技人员在示范基地田埂上向农户讲解",
    caption: "在科技示范基地讲解绿色防控技术",
    credit: CREDIT,
  },
  chenCoop: {
    scene: "meeting",
    seed: 8,
    alt: "陈建国与合作社负责人在会议桌旁交谈",
    caption: "与合作社负责人交流优质大米的销售情况",
    credit: CREDIT,
  },

  liuPortrait: { scene: "portrait", seed: 9, alt: "刘志强近照", caption: "刘志强", credit: CREDIT },
  liuVisit: {
    scene: "street",
    seed: 10,
    alt: "刘志强在居民楼前向居民发放宣传材料",
    caption: "走访辖区居民，宣传防范电信网络诈骗知识",
    credit: CREDIT,
  },
  liuMediate: {
    scene: "meeting",
    seed: 11,
    alt: "调解室里几位居民与民警围坐交谈",
    caption: "在“老刘调解室”化解邻里纠纷",
    credit: CREDIT,
  },
  liuPatrol: {
    scene: "street",
    seed: 12,
    alt: "民警和佩戴红袖章的志愿者在街道上巡逻",
    caption: "与平安志愿者一起开展夜间巡逻",
    credit: CREDIT,
  },

  tianyuanVillage: { scene: "field", seed: 13, alt: "田园村的农田与村舍远景", caption: "田园村一角", credit: CREDIT },
  tianyuanGreenhouse: {
    scene: "field",
    seed: 14,
    alt: "村民在合作社的田地里采摘",
    caption: "村民在合作社基地采摘草莓",
    credit: CREDIT,
  },

  newsConference: {
    scene: "meeting",
    seed: 15,
    alt: "会场主席台与参会人员",
    caption: "2026年全区宣传思想文化工作会议现场",
    credit: CREDIT,
  },
  newsLecture: {
    scene: "meeting",
    seed: 16,
    alt: "宣讲员在社区活动室向居民宣讲",
    caption: "“先锋”典型事迹宣讲走进春晖社区",
    credit: CREDIT,
  },
} as const satisfies Record<string, DemoPhoto>;

export type DemoPhotoId = keyof typeof demoPhotos;

/** A body written compactly: each entry becomes one Tiptap node. */
export type DemoBlock = { p: string } | { h2: string } | { figure: DemoPhotoId };

export interface DemoProfile {
  kind: "PERSON" | "ORGANISATION";
  name: string;
  honour: string;
  position: string;
  organisation: string;
  portrait: DemoPhotoId;
}

export interface DemoArticle {
  slug: string;
  column: DemoColumnSlug;
  status: "PUBLISHED" | "IN_REVIEW" | "DRAFT";
  /** Publication time for published articles, creation time for the others (Asia/Shanghai). */
  date: string;
  title: string;
  source: string;
  byline: string;
  lead: string;
  profile?: DemoProfile;
  cover?: DemoPhotoId;
  body: DemoBlock[];
}

const SERIES_LEAD =
  "奋进新征程，建功新时代。为充分发挥先进典型的示范引领作用，区委组织部、区委宣传部联合推出“先锋”专栏，集中展示全区优秀共产党员、优秀党务工作者和先进基层党组织的风采，激励广大党员干部对标先进、比学赶超，在推动区域高质量发展中当先锋、作表率。";

const wang: DemoArticle = {
  slug: "2026-xianfeng-wang-xiaomin",
  column: "xianfeng",
  status: "PUBLISHED",
  date: "2026-03-18T10:00:00+08:00",
  title: "社区治理的“绣花针”——王晓敏",
  source: "区委组织部",
  byline: "",
  lead: SERIES_LEAD,
  profile: {
    kind: "PERSON",
    name: "王晓敏",
    honour: "上海市优秀党务工作者",
    position: "春晖社区党总支书记、居委会主任",
    organisation: "临江街道春晖社区",
    portrait: "wangPortrait",
  },
  cover: "wangPortrait",
  body: [
    {
      p: "王晓敏，临江街道春晖社区党总支书记、居委会主任。扎根社区工作十六年，她把“小事不出楼组、大事不出社区”作为工作目标，探索形成“楼组党建+居民自治”的治理模式，带领春晖社区先后获评区文明社区、市美丽家园示范小区。",
    },
    { h2: "把支部建在楼组上，让组织沉下去" },
    { figure: "wangMeeting" },
    {
      p: "组织覆盖有抓手。春晖社区是上世纪九十年代建成的老旧小区，老年居民多、流动人口多。王晓敏带领党总支按照“一楼组一党员中心户”的思路，在全社区设立四十二个楼组党小组，推行党员亮身份、亮承诺、亮服务，让居民在家门口就能找到党员。",
    },
    {
      p: "议事协商有平台。她牵头建立“春晖议事厅”，每月固定一天请居民代表、物业公司和业委会坐到一张桌子上，议停车、议绿化、议加装电梯。三年来，议事厅共协商解决各类民生事项一百三十余件，八个楼门完成了加装电梯。",
    },
    { h2: "把服务送到家门口，让群众暖起来" },
    { figure: "wangStreet" },
    {
      p: "为老服务有温度。针对社区独居老人多的实际，她推动开设社区长者食堂，组建“银龄互助”志愿服务队，由低龄老人结对帮扶高龄老人，定期上门探访、代购代办，让困难老人有人问、有人帮。",
    },
    {
      p: "急难时刻有担当。去年汛期，社区两栋低层住宅出现积水，她连夜组织党员志愿者转移安置老人，协调街道调来抽水设备，连续值守三十多个小时，直到积水全部排除、居民安全返家。",
    },
    { h2: "把规矩立在日常中，让作风实起来" },
    { figure: "wangLesson" },
    {
      p: "带好班子有方法。她坚持“三会一课”制度，把学习教育同解决居民急难愁盼结合起来，推行“民情日志”，要求社工每天记录走访情况，做到问题有登记、办理有跟踪、结果有反馈。",
    },
    {
      p: "清正廉洁有底线。在社区微更新和公益项目实施中，她坚持方案公开、资金使用公开、验收结果公开，主动接受居民监督。她常说：“居民把信任交给我们，我们就要把每一分钱都用在明处。”",
    },
  ],
};

const chen: DemoArticle = {
  slug: "2026-xianfeng-chen-jianguo",
  column: "xianfeng",
  status: "PUBLISHED",
  date: "2026-05-20T10:00:00+08:00",
  title: "田间地头的“泥腿子专家”——陈建国",
  source: "区委组织部",
  byline: "",
  lead: SERIES_LEAD,
  profile: {
    kind: "PERSON",
    name: "陈建国",
    honour: "上海市优秀共产党员",
    position: "区农业技术推广中心副主任、高级农艺师",
    organisation: "区农业技术推广中心",
    portrait: "chenPortrait",
  },
  cover: "chenPortrait",
  body: [
    {
      p: "陈建国，区农业技术推广中心副主任、高级农艺师。参加工作二十五年来，他常年奔走在田间地头，先后引进推广水稻新品种十二个、绿色防控技术九项，帮助全区粮食亩产稳中有升，被农民亲切地称为“泥腿子专家”。",
    },
    { h2: "扎根泥土，做农民信得过的技术员" },
    { figure: "chenField" },
    {
      p: "问题导向解难题。每到播种、施肥和病虫害防治的关键时节，他都带着技术人员驻村蹲点，逐块察看苗情。他把常见病虫害的识别要点编成顺口溜，印成“明白纸”发到农户手中，让技术看得懂、用得上。",
    },
    {
      p: "示范引领见实效。他在三个镇建立科技示范方，手把手教农户测土配方施肥、机械化育秧。示范方化肥用量平均减少一成以上，亩均增收近两百元，周边农户纷纷主动上门“取经”。",
    },
    { h2: "创新驱动，做绿色农业的探路人" },
    { figure: "chenDemo" },
    {
      p: "科技攻关敢较真。针对稻田病虫害防治中农药用量偏大的问题，他带领团队开展稻鸭共养、性诱剂诱杀等技术试验，连续三年记录数据、反复比对，形成了一套适合本地推广的绿色防控技术规程。",
    },
    {
      p: "人才培养重传承。他牵头组建“田间课堂”讲师团，每年开展技术培训四十余场，培养新型职业农民三百余人。他带出的年轻技术员中，已有多人成长为镇农技站的业务骨干。",
    },
    { h2: "心系群众，做乡村振兴的实干家" },
    { figure: "chenCoop" },
    {
      p: "帮销路促增收。他积极对接区内商超、学校食堂和电商平台，帮助合作社打开销路，推动本地优质大米注册区域品牌，让“种得好”也能“卖得好”。",
    },
    {
      p: "党建联建聚合力。作为推广中心党支部委员，他推动支部与五个村党组织结对共建，把党员技术服务队派到生产一线，累计为村集体和农户解决技术难题两百余个。",
    },
  ],
};

const liu: DemoArticle = {
  slug: "2026-xianfeng-liu-zhiqiang",
  column: "xianfeng",
  status: "PUBLISHED",
  date: "2026-08-12T10:00:00+08:00",
  title: "守护万家灯火的“老片警”——刘志强",
  source: "区委组织部",
  byline: "",
  lead: SERIES_LEAD,
  profile: {
    kind: "PERSON",
    name: "刘志强",
    honour: "优秀共产党员",
    position: "临江派出所社区民警、一级警长",
    organisation: "区公安分局临江派出所",
    portrait: "liuPortrait",
  },
  cover: "liuPortrait",
  body: [
    {
      p: "刘志强，区公安分局临江派出所社区民警、一级警长。从警二十八年，其中二十年扎根社区，他走遍辖区每一个楼道，熟悉上千户居民的情况，用脚步丈量平安，被居民称为社区的“定心丸”。",
    },
    { h2: "脚板底下出实情" },
    { figure: "liuVisit" },
    {
      p: "底数清、情况明。他坚持每天步行巡查辖区，随身带着一本“民情笔记”：谁家有独居老人，谁家孩子在外地工作，哪个楼道的消防通道容易堵，他都一一记在本上、放在心上。",
    },
    {
      p: "防范宣传进家门。面对电信网络诈骗多发的形势，他组织社区党员和平安志愿者组成宣传小分队，逐楼逐户讲解常见骗术。近两年辖区电信网络诈骗发案数明显下降，多名老人在他的及时劝阻下避免了财产损失。",
    },
    { h2: "化解矛盾暖人心" },
    { figure: "liuMediate" },
    {
      p: "调解工作有章法。他在社区设立“老刘调解室”，联合居委会、律师志愿者和楼组长共同参与调解。噪声扰民、楼上漏水、停车难，这些家长里短在他这里总能找到解决办法。",
    },
    {
      p: "将心比心解心结。对待矛盾双方，他坚持“先听完、再说话”，既讲法理、也讲情理。近五年来，他参与调解各类矛盾纠纷四百余起，调解成功率保持在九成以上。",
    },
    { h2: "冲锋在前显本色" },
    { figure: "liuPatrol" },
    {
      p: "关键时刻站得出。在重大活动安保、防汛防台等任务中，他总是主动请缨、冲在一线。一次深夜巡逻中，他发现一处居民楼冒出浓烟，第一时间组织疏散群众，为消防救援赢得了宝贵时间。",
    },
    {
      p: "传帮带育新人。作为派出所党支部的老党员，他把自己总结的社区工作方法毫无保留地传授给年轻民警，带出的徒弟中有三人获评区优秀社区民警。他说：“群众的事无小事，这份工作要一代一代接着干好。”",
    },
  ],
};

const tianyuan: DemoArticle = {
  slug: "2026-xianfeng-tianyuan-cun",
  column: "xianfeng",
  status: "IN_REVIEW",
  date: "2026-11-20T15:30:00+08:00",
  title: "小村庄走出振兴路——田园村党总支",
  source: "区委组织部",
  byline: "",
  lead: SERIES_LEAD,
  profile: {
    kind: "ORGANISATION",
    name: "田园村党总支",
    honour: "区先进基层党组织",
    position: "",
    organisation: "临江镇田园村",
    portrait: "tianyuanVillage",
  },
  cover: "tianyuanVillage",
  body: [
    {
      p: "田园村位于全区西部，常住人口两千余人。近年来，村党总支坚持以党建引领乡村振兴，发展特色种植和乡村旅游，村集体经济收入五年翻了一番。",
    },
    { h2: "强堡垒，班子带头有干劲" },
    {
      p: "村党总支推行“党员责任区”制度，每名党员联系十户左右村民，村里的大事小情第一时间有人知道、有人过问。班子成员分片包干，每月走访，把群众的意见建议带到支部会上研究解决。",
    },
    { h2: "兴产业，集体经济有活力" },
    { figure: "tianyuanGreenhouse" },
    {
      p: "村里成立果蔬专业合作社，由党员带头试种草莓和有机蔬菜，再带动农户加入。合作社统一技术、统一品牌、统一销售，去年带动一百多户村民增收。",
    },
    { h2: "美环境，乡风文明有新貌" },
    {
      p: "村党总支组织党员志愿者开展村容村貌整治，修订村规民约，评选“最美庭院”和“好媳妇好婆婆”，让好风气在村里蔚然成风。",
    },
  ],
};

const conference: DemoArticle = {
  slug: "2026-gongzuo-xuanchuan-huiyi",
  column: "gongzuo-dongtai",
  status: "PUBLISHED",
  date: "2026-02-10T16:00:00+08:00",
  title: "全区宣传思想文化工作会议召开",
  source: "区委宣传部",
  byline: "区融媒体中心记者",
  lead: "",
  cover: "newsConference",
  body: [
    { p: "2月10日，全区宣传思想文化工作会议召开。会议总结了过去一年全区宣传思想文化工作，部署了2026年的重点任务。" },
    { figure: "newsConference" },
    {
      p: "会议指出，过去一年，全区宣传思想文化系统围绕中心、服务大局，在理论武装、新闻舆论、精神文明建设和文化惠民等方面取得了新的成效。",
    },
    {
      p: "会议要求，新的一年要持续深化理论学习，做强主流舆论，讲好基层一线的先进故事；要推动新时代文明实践向社区、村居延伸，让群众在家门口享受更加丰富的文化生活。",
    },
    { p: "各街道、镇和区级相关部门分管负责同志参加会议。" },
  ],
};

const lecture: DemoArticle = {
  slug: "2026-gongzuo-xianfeng-xuanjiang",
  column: "gongzuo-dongtai",
  status: "PUBLISHED",
  date: "2026-09-08T11:00:00+08:00",
  title: "“先锋”典型事迹宣讲走进社区",
  source: "区委组织部",
  byline: "",
  lead: "",
  cover: "newsLecture",
  body: [
    { p: "近日，“先锋”典型事迹宣讲团走进临江街道春晖社区，为社区党员和居民群众讲述身边先进典型的感人故事。" },
    { figure: "newsLecture" },
    {
      p: "宣讲中，社区党员代表结合亲身经历，讲述了社区党组织带领居民加装电梯、开设长者食堂、组建志愿服务队的过程，现场居民听得认真，不时报以热烈掌声。",
    },
    { p: "据悉，宣讲团将在今年内走进全区各街道、镇，开展宣讲二十余场，引导广大党员干部学习先进、争当先锋。" },
  ],
};

const training: DemoArticle = {
  slug: "2026-gongzuo-caibian-peixun",
  column: "gongzuo-dongtai",
  status: "DRAFT",
  date: "2026-11-23T09:30:00+08:00",
  title: "区融媒体中心开展新闻采编业务培训",
  source: "区委宣传部",
  byline: "",
  lead: "",
  body: [
    {
      p: "为进一步提升新闻采编人员的业务能力，区融媒体中心近日举办新闻采编业务培训，中心采编人员和各街道、镇通讯员参加培训。",
    },
    { p: "培训围绕新闻写作规范、图片拍摄与说明写作、稿件审核流程等内容展开，并结合近期刊发的稿件进行了点评交流。" },
  ],
};

export const demoArticles: DemoArticle[] = [conference, wang, chen, liu, lecture, tianyuan, training];
