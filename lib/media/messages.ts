/**
 * UI text of photo upload and processing (zh-CN). Kept beside the domain while lib/i18n/zh-CN.ts is
 * shared by parallel work; move into it as `zhCN.media` when that settles.
 */
export const mediaText = {
  errors: {
    empty: "文件为空,请重新选择图片",
    unsupportedType: "只支持 JPEG、PNG、WebP、GIF 格式的图片",
    tooLarge: (maxMegabytes: string) => `图片文件不能超过 ${maxMegabytes} MB`,
    tooManyPixels: (maxTenThousands: string) => `图片尺寸过大,不能超过 ${maxTenThousands} 万像素`,
    corrupt: "图片文件已损坏或不完整,无法读取",
  },
  validation: {
    altRequired: "请填写图片说明文字(替代文本),供读屏软件朗读",
    altTooLong: "替代文本不能超过 300 个字符",
    captionTooLong: "图片标题不能超过 300 个字符",
    creditTooLong: "摄影/来源署名不能超过 100 个字符",
  },
} as const;
