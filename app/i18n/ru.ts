// Staff-facing Russian for the embedded admin: a translation of en.ts, whose type is the contract (a
// missing or extra key does not compile). Plurals follow Intl.PluralRules ("1 балл", "2 балла",
// "5 баллов", "21 балл"); numbers are written the Russian way.
import { MAX_MEMBER_POINTS } from "../loyalty/balance";
import type { Messages } from "./en";
import { localeCount, localeNumber } from "./plural";

const number = localeNumber("ru");
const tierBasis: Record<string, string> = {
  points_earned: "заработано баллов",
  amount_spent: "потрачено (в минимальных единицах)",
};
const tierPeriod: Record<string, string> = {
  lifetime: "за всё время",
  trailing_12_months: "за последние 12 месяцев",
  calendar_year: "за календарный год",
};
const measure = (v: { value: number; basis: string; period: string }) =>
  `${tierBasis[v.basis] ?? v.basis} ${tierPeriod[v.period] ?? v.period}: ${number(v.value)}`;
const exportedAsOf = (at: string | null) =>
  at
    ? ` (проверено по клиентам магазина, выгруженным из Shopify ${at.slice(0, 16).replace("T", " ")} UTC)`
    : "";
const count = localeCount("ru");
const points = { one: "балл", few: "балла", many: "баллов" };
const members = { one: "участник", few: "участника", many: "участников" };
const orders = { one: "заказ", few: "заказа", many: "заказов" };
const ordersGenitive = { one: "заказа", few: "заказов", many: "заказов" };
const days = { one: "день", few: "дня", many: "дней" };

export const ru: Messages = {
  login: {
    title: "Вход",
    heading: "Откройте Tally для своего магазина",
    shopLabel: "Домен магазина",
    shopHelp: "example.myshopify.com",
    submit: "Войти",
    missingShop: "Введите домен магазина, чтобы войти",
    invalidShop: "Введите правильный домен магазина, например example.myshopify.com",
  },
  nav: {
    home: "Главная",
    program: "Программа",
    rewards: "Награды",
    members: "Участники",
    engagement: "Вовлечённость",
    analytics: "Аналитика",
    import: "Импорт",
    jobs: "Фоновые задачи",
    referrals: "Приглашения",
  },
  referrals: {
    title: "Приглашения",
    intro:
      "Друзья, открывшие пригласительную ссылку участника, и чем закончился их первый заказ. Приглашения, отложенные на проверку, ждут вашего решения здесь или на странице пригласившего.",
    figures: (n: number) => `Последние ${count(n, days)}`,
    links: "Открыто ссылок",
    converted: "Первые заказы",
    conversion: "Конверсия",
    completed: "Награждено пригласивших",
    held: "На проверке",
    revenue: "Выручка от приглашений",
    filterAll: "Все статусы",
    columns: ["Открыто", "Пригласивший", "Статус", "Заказ друга", "Сумма заказа", "Баллы"],
    empty: "Приглашений пока нет.",
    none: "—",
    approve: "Одобрить",
    reject: "Отклонить",
    decided: "Приглашение обновлено",
    notHeld: "Это приглашение больше не ждёт проверки.",
    memberCard: "Приглашения",
    memberEmpty: "Этот участник пока никого не пригласил.",
    chooseDecision: "Выберите, одобрить или отклонить приглашение",
    notFound: "Такого приглашения нет в этом магазине.",
    status: {
      pending: "Ссылка открыта",
      qualified: "Ждёт окончания срока возврата",
      held: "На проверке",
      completed: "Награждено",
      reversed: "Отменено (возврат или отмена заказа)",
      rejected: "Отклонено",
    },
    reason: {
      same_customer: "друг — это сам пригласивший",
      same_email: "тот же email, что у пригласившего",
      same_address: "доставка на адрес пригласившего",
      not_first_order: "это не первый заказ друга",
      weekly_limit: "достигнут недельный лимит",
      ip_volume: "много ссылок с одного IP-адреса за неделю",
      order_refunded: "за заказ оформлен возврат",
      order_cancelled: "заказ отменён",
      staff: "отклонено сотрудником",
    },
  },
  pageTitles: {
    analyticsDefinitions: "Определения аналитики",
    member: "Участник",
    reward: "Награда",
  },
  common: {
    save: "Сохранить",
    saving: "Сохранение…",
    cancel: "Отмена",
    discard: "Отменить изменения",
    remove: "Удалить",
    add: "Добавить",
    enabled: "Вкл.",
    disabled: "Выкл.",
    fixErrors: "Некоторые поля нужно исправить; см. сообщения под ними.",
    unknownError: "Что-то пошло не так. Обновите страницу и попробуйте снова.",
  },
  validation: {
    number: "Введите число, только цифрами (без запятых и пробелов)",
    wholeNumber: "Введите целое число",
    text: "Введите текст",
    yesNo: "Выберите «да» или «нет»",
    list: "Выберите хотя бы один вариант",
    required: "Это поле обязательно",
    choose: (options: string[]) =>
      options.length <= 6
        ? `Выберите один из вариантов: ${options.join(", ")}`
        : "Выберите один из вариантов",
    atLeast: (minimum: number | bigint, inclusive: boolean) =>
      inclusive
        ? `Введите ${number(Number(minimum))} или больше`
        : `Введите больше ${number(Number(minimum))}`,
    atMost: (maximum: number | bigint, inclusive: boolean) =>
      inclusive
        ? `Введите ${number(Number(maximum))} или меньше`
        : `Введите меньше ${number(Number(maximum))}`,
    textAtLeast: (minimum: number | bigint) =>
      Number(minimum) <= 1
        ? "Это поле обязательно"
        : `Введите не меньше ${count(Number(minimum), { one: "символа", few: "символов", many: "символов" })}`,
    textAtMost: (maximum: number | bigint) =>
      `Не больше ${count(Number(maximum), { one: "символа", few: "символов", many: "символов" })}`,
    listAtLeast: (minimum: number | bigint) => `Выберите не меньше ${number(Number(minimum))}`,
    listAtMost: (maximum: number | bigint) => `Можно выбрать не больше ${number(Number(maximum))}`,
    format: "Значение в неожиданном формате",
    invalid: "Проверьте это значение",
    wholeNumberBetween: (min: number, max: number) =>
      `Введите целое число от ${number(min)} до ${number(max)}`,
    dateTime: "Введите дату, например 2025-11-28",
    amountAtLeastZero: "Введите сумму 0 или больше, например 12,50",
    amountAboveZero: "Введите сумму больше 0, например 12,50",
    amountOrPercentAboveZero: "Введите сумму больше 0 (например 12,50) или процент от 1 до 100",
    tierThreshold:
      "Введите целое число баллов, 0 или больше (сумму, например 1000,00, если уровни зависят от потраченной суммы)",
    hints: {
      multiplier: " (в процентах: 100 = 1x, 200 = 2x)",
      pointsPerUnit: " (баллы за единицу покупки в валюте магазина)",
      spendUnit: " (единицы валюты магазина, за которые начисляются баллы: 1, 100, 1000 …)",
      days: " (в днях)",
      weeklyLimit: " (0 = без ограничения)",
      ipWeeklyHold: " (рекомендаций с одного IP-адреса за 7 дней)",
      currencyExponent: " (знаков после запятой в валюте магазина)",
      everyNthOrder: " (каждый 1-й заказ — это каждый заказ; используйте правило за покупки)",
    },
    program: {
      campaignEndsAfterStart: (name: string) =>
        `Кампания «${name}» должна заканчиваться после начала`,
      productMultiplierTwice: "У этого товара уже есть множитель",
      collectionMultiplierTwice: "У этой коллекции уже есть множитель",
      chooseCollection: "Выберите коллекцию",
      milestoneTwice: "Эта сумма покупок уже используется в другом рубеже",
      percentageOff: "Скидка в процентах должна быть от 1 до 100",
      entryTierNeeded: "Нужен хотя бы один уровень (начальный, с порогом 0)",
      entryTierAtZero: "С первого уровня начинает каждый участник, поэтому его порог должен быть 0",
      tiersSorted: (name: string, threshold: number, lowerName: string, lowerThreshold: number) =>
        `Уровни должны идти по возрастанию порога: «${name}» (${threshold}) должен быть выше «${lowerName}» (${lowerThreshold})`,
      tierNameTwice: "Уровень с таким названием уже есть",
    },
    reward: {
      title: "Дайте награде название, которое увидят покупатели",
      titleTooLong: "Название — не больше 120 символов",
      kind: "Выберите тип награды",
      cost: "Введите стоимость в баллах",
      costWhole: "Стоимость в баллах должна быть целым числом",
      costAtLeastOne: "Стоимость в баллах должна быть не меньше 1",
      costTooLarge: "Слишком большая стоимость в баллах",
      wholeAmount: "Введите целую сумму",
      aboveZero: "Должно быть больше 0",
      variant: "Выберите вариант товара",
      minimumSubtotal: "Минимальная сумма заказа не может быть отрицательной",
      tiers: "Выберите хотя бы один уровень или разрешите все уровни",
      codeAtLeastADay: "Коды должны действовать не меньше суток",
      codeAtMostAYear: "Коды могут действовать не больше года",
      percentage: "Введите процент",
      amount: "Введите сумму",
      percentageRange: "Процент должен быть от 1 до 100",
      productVariant: "Выберите вариант товара, который даёт эта награда",
      amountCap: (major: number) =>
        `Награда может стоить не больше ${number(major)} в валюте магазина`,
      unknownTier: (name: string) => `В программе нет уровня «${name}»`,
    },
    adjustment: {
      points: "Введите количество баллов",
      wholePoints: "Введите целое количество баллов",
      notZero: "Введите число, отличное от 0 (отрицательное, чтобы списать баллы)",
      atMost: (max: number) =>
        `За один раз можно изменить баланс не больше чем на ${count(max, points)}`,
      reason: "Укажите причину (не меньше 3 символов); она сохранится в истории участника",
      outOfDate: "Форма устарела; обновите страницу",
    },
    reasonTooLong: (max: number) =>
      `Причина — не больше ${count(max, { one: "символа", few: "символов", many: "символов" })}`,
    dismissReason: "Укажите, почему эта доставка отклоняется",
    tierOverrideReason: "Для закрепления уровня нужна причина",
    unknownTierOverride: (name: string, tiers: string[]) =>
      `В программе нет уровня «${name}»; уровни: ${tiers.join(", ")}`,
  },
  errors: {
    title: "Не удалось показать эту страницу",
    notFound: "Не найдено",
    pageNotFound: "По этому адресу нет страницы.",
    status: (status: number) => `Сервер ответил кодом ${status}.`,
    unexpected:
      "Tally не удалось загрузить эту страницу из-за проблемы на его стороне (например, не ответила база данных). Ваши данные не изменились. Обновите страницу, чтобы попробовать снова; если ошибка повторяется, обратитесь в поддержку.",
    reload: "Обновить",
    back: "На главную",
    noStaffUser: "Сессия админки не указывает сотрудника: откройте Tally снова из админки Shopify.",
    requestTooLarge: (kb: number) => `Запрос больше ${number(kb)} КБ.`,
    requestNotJson: "Тело запроса должно быть объектом JSON.",
    formType: "Отправьте форму как application/x-www-form-urlencoded или multipart/form-data.",
    formUnreadable: "Не удалось прочитать форму.",
    shopNotInstalled: "Tally не установлено в этом магазине.",
    unknownAction: "Неизвестное действие.",
    importNotFound: "Такого импорта нет.",
    badDownload: (details: string) => `Ссылка на скачивание неверна: ${details}`,
  },
  home: {
    last30Days: "Последние 30 дней",
    allAnalytics: "Вся аналитика",
    title: "Программа лояльности Tally",
    members: "Участники",
    pointsOutstanding: "Баллы на счетах",
    ordersCredited: "Начислено за заказы",
    yourProgram: "Ваша программа",
    tiers: "Уровни",
    version: (version: number, enabled: boolean) =>
      `Версия программы ${version}${enabled ? "" : " — выключена"}`,
    deadLetters: (n: number) =>
      n === 1
        ? "1 обновление от Shopify требует вашего внимания: Tally не смог его применить."
        : `${count(n, { one: "обновление", few: "обновления", many: "обновлений" })} от Shopify ${n % 10 === 1 && n % 100 !== 11 ? "требует" : "требуют"} вашего внимания: Tally не смог их применить.`,
    deadLettersAction: "Проверить доставки",
    earnSummary: (n: number, spend: string) =>
      `Покупатели получают ${count(n, points)} за каждые потраченные ${spend}.`,
    noEarning: "Покупки не приносят баллов.",
  },
  checklist: {
    title: "Запустите программу",
    progress: (done: number, total: number) => `Выполнено шагов: ${done} из ${total}`,
    programOn: "Включите программу",
    programOnHelp: "Покупатели получают баллы, только пока программа включена.",
    programOnAction: "Открыть настройки программы",
    checkout: "Добавьте блок лояльности в оформление заказа",
    checkoutHelp:
      "Разместите блок Tally в редакторе оформления заказа, чтобы покупатели могли обменивать награды при оплате.",
    checkoutPlusOnly:
      "Только Shopify Plus: блоки оформления заказа работают лишь в магазинах на Plus. На других тарифах отметьте шаг выполненным и используйте блок на странице благодарности и страницу «Награды» в аккаунте покупателя: там покупатели обменивают баллы, а код вводят при оплате.",
    checkoutAction: "Открыть редактор оформления заказа",
    accounts: "Добавьте блок лояльности в аккаунты покупателей",
    accountsHelp:
      "Разместите блок Tally на странице профиля в аккаунте покупателя, чтобы покупатели видели свои баллы.",
    accountsAction: "Открыть редактор аккаунтов покупателей",
    notDetectable:
      "Tally не видит, где размещены его блоки; отметьте шаг выполненным, когда разместите блок.",
    markDone: "Отметить выполненным",
    markNotDone: "Отметить невыполненным",
    testOrder: "Получите первый заказ",
    testOrderHelp:
      "Оформите тестовый заказ как покупатель: он появится здесь, когда Tally начислит за него баллы.",
    done: "Выполнено",
    notDone: "Сделать",
  },
  program: {
    title: "Настройки программы",
    versionLabel: (version: number) => `Версия ${version}`,
    saved: (version: number) => `Программа сохранена как версия ${version}`,
    unchanged: "Ничего не изменилось, поэтому новая версия не сохранена",
    tiersApplied: (n: number) =>
      `${count(n, members)} ${n % 10 === 1 && n % 100 !== 11 ? "перешёл" : "перешли"} на уровень, которого теперь достигают их баллы`,
    tierRun: {
      title: "Участники и новые уровни",
      queued:
        "Новые уровни сохранены. Участники, которые теперь достигают более высокого уровня, будут переведены на него через минуту.",
      progress: (checked: number, total: number | null, upgraded: number) =>
        `Проверено участников: ${number(checked)}${total === null ? "" : ` из ${number(total)}`}, повышено: ${number(upgraded)}`,
      done: (checked: number, upgraded: number) =>
        `Готово: проверено участников: ${number(checked)}, переведено на достигнутый уровень: ${number(upgraded)}.`,
      failed:
        "Проверка участников по новым уровням остановилась из-за ошибки. Их повысит ежечасная переоценка уровней.",
      progressLabel: "Проверено участников",
    },
    stale: (version: number) =>
      `Пока вы редактировали, кто-то сохранил версию ${version}. Обновите страницу, чтобы её увидеть; ваши изменения не сохранены.`,
    general: "Общие",
    enabled: "Программа включена",
    enabledHelp: "Пока программа выключена, заказы не приносят баллов, а награды нельзя обменять.",
    name: "Название программы",
    pointsName: "Название баллов",
    pointsNameHelp: "Во множественном числе, как видят покупатели: баллы, звёзды, монеты.",
    purchase: "Баллы за покупки",
    purchaseEnabled: "Покупки приносят баллы",
    pointsPerUnit: "Начисляемые баллы",
    spendUnit: (currency: string) => `За каждые потраченные … ${currency}`,
    spendUnitHelp: (currency: string) =>
      `1 — баллы за каждую 1 ${currency}; для валюты с мелкими единицами укажите 100 или 1000 (1 балл за 100 JPY).`,
    minimumSubtotal: (currency: string) => `Минимальная сумма заказа (${currency})`,
    minimumSubtotalHelp: "Оставьте пустым, если минимума нет.",
    productMultipliers: "Множители для товаров",
    collectionMultipliers: "Множители для коллекций",
    productId: "ID товара",
    collectionId: "ID коллекции",
    multiplier: "Множитель (%)",
    multiplierHelp: "100 = ×1, 200 = ×2",
    addProductMultiplier: "Добавить множитель для товара",
    addCollectionMultiplier: "Добавить множитель для коллекции",
    collection: "Коллекция",
    chooseCollection: "Выберите коллекцию",
    collectionOption: (title: string, products: number) => `${title} (товаров: ${products})`,
    collectionGoneOption: (id: string) => `Коллекция ${id} (её больше нет в Shopify)`,
    collectionGone:
      "Этой коллекции больше нет в Shopify, поэтому множитель ни к чему не применяется. Удалите его или выберите другую коллекцию.",
    collectionsHelp:
      "Товар из нескольких коллекций получает наибольший применимый к нему множитель (включая множитель товара).",
    collectionsSynced: (at: string) =>
      `Состав коллекций последний раз синхронизирован с Shopify ${at}.`,
    collectionsNeverSynced: "Состав коллекций ещё не синхронизирован с Shopify.",
    collectionsSyncing: "Синхронизация состава коллекций с Shopify…",
    collectionsSyncFailed: (reason: string) =>
      `Последняя синхронизация состава коллекций не удалась: ${reason}`,
    syncCollections: "Синхронизировать коллекции",
    collectionsSyncRequested: "Синхронизация коллекций запущена",
    campaigns: "Акции",
    campaignName: "Название акции",
    startsAt: "Начало (UTC)",
    endsAt: "Окончание (UTC)",
    addCampaign: "Добавить акцию",
    bonuses: "Бонусы",
    signup: "Создание аккаунта",
    accountActivation: "Первый вход",
    birthday: "День рождения",
    accountActivationHelp:
      "Начисляется один раз, когда вошедший покупатель впервые открывает страницу «Награды» (или использует баллы при оплате).",
    birthdayHelp:
      "Начисляется раз в год в день рождения, который покупатель указал на странице «Награды», по часовому поясу магазина.",
    referrals: {
      title: "Приведи друга",
      enabled: "Программа приглашений",
      enabledHelp:
        "Каждый участник получает ссылку, которой может поделиться. Друг, открывший её, получает одноразовый код скидки; участник получает баллы, когда первый заказ друга выходит за срок возврата (дни ожидания). За приглашение самого себя, постоянных покупателей и приглашения сверх недельного лимита баллы не начисляются.",
      friendDiscountKind: "Скидка для друга",
      fixedAmount: "Скидка суммой",
      percentage: "Скидка в процентах",
      friendAmount: (currency: string) => `Сумма скидки (${currency})`,
      friendPercent: "Скидка в процентах",
      friendCodeDays: "Срок действия кода друга (дней)",
      advocatePoints: "Баллы участнику",
      advocatePointsHelp: "Начисляются, когда первый заказ друга выходит за дни ожидания.",
      advocateWeeklyLimit: "Награждаемых приглашений на участника в неделю",
      advocateWeeklyLimitHelp: "0 — без лимита. Приглашения сверх лимита отклоняются.",
      ipWeeklyHold: "Отправлять на проверку после … ссылок с одного IP за неделю",
      ipWeeklyHoldHelp:
        "Приглашение с более активного адреса ждёт вашего одобрения на странице участника.",
    },
    firstOrder: "Первый заказ",
    everyNthOrder: "Каждый N-й заказ",
    every: "Каждые … заказов",
    points: "Баллы",
    spendMilestones: "Пороги суммы покупок",
    lifetimeSpend: (currency: string) => `Сумма покупок за всё время (${currency})`,
    addMilestone: "Добавить порог",
    tiers: "VIP-уровни",
    tierBasis: "Уровни достигаются по",
    basisPoints: "Заработанным баллам",
    basisSpend: "Потраченной сумме",
    tierPeriod: "Учитывается за",
    periodLifetime: "Всё время",
    periodTrailing: "Последние 12 месяцев",
    periodCalendar: "Календарный год",
    tierName: "Название уровня",
    threshold: "Порог",
    addTier: "Добавить уровень",
    pointsLife: "Период ожидания и сгорание",
    pendingDays: "Дней до того, как заработанные баллы можно потратить",
    expiry: "Баллы сгорают",
    expiryNone: "Никогда",
    expiryAfterEarning: "Через заданное число дней после начисления",
    expiryAfterInactivity: "Через заданное число дней без активности",
    expiryDays: "Дней",
    preview: "Предпросмотр",
    previewAmount: (currency: string) => `Сумма заказа (${currency})`,
    previewSentence: (amount: string, points_: number, pointsName: string) =>
      `Заказ на ${amount} — ${pointsName}: ${number(points_)}`,
    previewTier: (tier: string, points_: number, pointsName: string) =>
      `Уровень ${tier} — ${pointsName}: ${number(points_)}`,
    previewCampaign: (name: string) => `С учётом текущей акции «${name}».`,
    previewInvalid: "Предпросмотр появится, когда настройки будут корректны.",
    previewBonusesNote:
      "Бонусы (первый заказ, каждый N-й заказ, пороги покупок) начисляются сверх этого.",
    simulate: "Смоделировать на последних 90 днях",
    simulation: "Что изменилось бы",
    simulationIntro:
      "Повторно проводит заказы за последние 90 дней с этими настройками, до сохранения.",
    simulationOrders: (n: number, truncated: boolean) =>
      `Проведено ${count(n, orders)}${truncated ? " (только последние)" : ""}`,
    simulationPoints: (before: number, after: number) =>
      `Начислено баллов: ${number(before)} → ${number(after)}`,
    simulationLiability: (amount: string) => `Изменение обязательств: ${amount}`,
    simulationNoLiability:
      "Обязательства: нет награды фиксированной суммой или кредитом магазина, по которой можно оценить баллы.",
    simulationTiers: (up: number, down: number) =>
      `Участники, меняющие уровень: ${number(up)} вверх, ${number(down)} вниз`,
    validation: "Настройки программы",
  },
  rewards: {
    title: "Награды",
    resource: { singular: "награда", plural: "награды" },
    add: "Добавить награду",
    empty: "Наград пока нет",
    emptyHelp:
      "Награды — то, что покупают за баллы: скидка суммой или в процентах, бесплатная доставка, бесплатный товар или кредит магазина.",
    cost: (n: number) => count(n, points),
    kind: {
      fixed_amount: "Скидка суммой на заказ",
      percentage: "Скидка в процентах на заказ",
      free_shipping: "Бесплатная доставка",
      free_product: "Бесплатный товар",
      store_credit: "Кредит магазина",
    },
    off: "Выкл.",
    newTitle: "Новая награда",
    editTitle: "Изменить награду",
    saved: "Награда сохранена",
    deleted: "Награда удалена",
    disabledInstead: "Награду уже обменивали, поэтому она выключена, а не удалена.",
    delete: "Удалить награду",
    confirmDeleteTitle: (title: string) => `Удалить «${title}»?`,
    confirmDelete:
      "Участники больше не смогут её обменять. Уже выданные коды действуют до окончания срока. Награда, которую уже обменивали, выключается, чтобы сохранить её историю.",
    valuePerPoint: (perPoint: string, currency: string, returnPercent: number | null) =>
      `1 балл ≈ ${perPoint} ${currency}` +
      (returnPercent === null
        ? "; программа не начисляет баллы за покупки, поэтому отдачу от покупок не с чем сравнить."
        : `; эта награда возвращает ${returnPercent.toLocaleString("ru", { maximumFractionDigits: returnPercent < 1 ? 2 : 1 })}% суммы покупок, за которые начисляются её баллы.`),
    generous: (percent: number) =>
      `Эта награда возвращает больше ${percent}% того, что покупатель тратит, чтобы её заработать. Проверьте сумму и стоимость в баллах.`,
    stingy: (percent: number) =>
      `Эта награда возвращает меньше ${percent}% того, что покупатель тратит, чтобы её заработать, и баллы почти ничего не стоят. Проверьте сумму и стоимость в баллах.`,
    notFound: "Такой награды нет в этом магазине.",
    fields: {
      title: "Название для покупателей",
      kind: "Тип",
      cost: "Стоимость в баллах",
      valueAmount: (currency: string) => `Сумма (${currency})`,
      valuePercent: "Скидка в процентах",
      variantId: "ID варианта товара (gid://shopify/ProductVariant/…)",
      minimumSubtotal: (currency: string) => `Минимальная сумма заказа (${currency})`,
      tierNames: "Только для уровней",
      tierNamesHelp: "Не отмечайте ни одного, чтобы предлагать награду всем уровням.",
      codeLifetimeDays: "Срок действия кода (дней)",
      combinesWith: "Сочетается с",
      orderDiscounts: "Скидками на заказ",
      productDiscounts: "Скидками на товары",
      shippingDiscounts: "Скидками на доставку",
      enabled: "Доступна покупателям",
    },
  },
  analytics: {
    title: "Аналитика",
    updated: (when: string, timeZone: string) => `Обновлено ${when} (${timeZone})`,
    lastDays: (n: number) => `Последние ${count(n, days)}`,
    definitionLink: "Формула и источник",
    definitionsTitle: "Как считается аналитика",
    formula: "Формула",
    source: "Стандарт",
    departure: "Чем Tally от него отличается",
    joined: (n: string) => `Вступили в программу: ${n}`,
    participants: (n: string, total: string) => `Участников: ${n} из ${total}`,
    openCodes: (n: string, points_: string) =>
      `Включая неиспользованные коды наград: ${n} (баллов: ${points_})`,
    breakage: (rate: string) => `Доля неиспользованных баллов по истории магазина: ${rate}`,
    noBreakage:
      "Ни один балл ещё не обменян и не сгорел: нет истории, чтобы оценить долю неиспользованных баллов.",
    downloadKpis: "Ключевые показатели (CSV)",
    downloadDaily: "Данные по дням (CSV)",
    downloadMembers: "Участники (CSV)",
    downloadLedger: "История баллов (CSV)",
    downloadFailed: (label: string) => `${label} (ошибка, повторите)`,
    participating: (n: string) =>
      `Активные участники (сохранили обменянную награду): ${n}; это «участники», которых сравнивают ниже`,
    pointValue: (money: string, points_: string, reward: string) =>
      `Баллы: ${points_} = ${money} (${reward})`,
    noPointValue:
      "Нет награды фиксированной суммой или кредитом магазина, по которой можно оценить баллы.",
    rewardOrders: (n: string, share: string) => `Заказов: ${n}, ${share} выручки`,
    referralCohort: (completed: string, issued: string) =>
      `${completed} из ${issued} кодов для друзей, выданных за этот период`,
    referralsCompleted: (count_: string) => `Завершено за этот период: ${count_}`,
    chartAlt: (title: string, weekly: boolean) =>
      `График: ${title}, ${weekly ? "по неделям" : "по дням"}. Данные есть в ежедневном CSV.`,
    members: "Обменивающие",
    nonMembers: "Остальные",
    chartPoints: "Баллы",
    chartRevenue: (currency: string) => `Выручка (${currency})`,
    seriesIssued: "Начислено",
    seriesRedeemed: "Обменяно",
    seriesExpired: "Сгорело",
    seriesMembers: "Обменивающие",
    seriesNonMembers: "Остальные",
    seriesWithReward: "С наградой",
    weekOf: (day: string) => `Неделя с ${day}`,
    empty: "Активности в программе пока нет",
    emptyHelp:
      "Данные и графики появятся здесь, когда покупатели вступят в программу и за заказы будут начислены баллы. Можно также импортировать участников и прошлые заказы.",
    emptyAction: "Импортировать участников и прошлые заказы",
    computing: "Показатели вашей программы рассчитываются",
    computingHelp:
      "Tally впервые подсчитывает участников, заказы и баллы этого магазина. Для большого магазина это занимает несколько минут; обновите страницу чуть позже.",
    computingDownload: "Показатели рассчитываются впервые; попробуйте через несколько минут.",
    notes: (timeZone: string) =>
      `Дни — это дни магазина (${timeZone}). Единый календарь: выручка заказа, его баллы и их отмена при возврате или отмене заказа учитываются в день оформления заказа; обмены, сгорание, бонусы, импорт и корректировки сотрудников — в день записи. Данные берутся из собственных сводок Tally, обновляемых каждую минуту.`,
  },
  engagement: {
    title: "Вовлечённость",
    save: "Сохранить",
    saved: "Настройки вовлечённости сохранены",
    notSaved: "Настройки не сохранены",
    notJson: "Форма отправлена не в формате JSON.",
    stale:
      "Пока вы редактировали, кто-то сохранил настройки вовлечённости. Обновите страницу, чтобы увидеть их изменения; ваши не сохранены.",
    descriptionHelp:
      "Видно покупателям. Если оставить предложенный текст, он будет меняться вместе с порогом.",
    removeBadge: "Удалить значок",
    removeBadgeTitle: (name: string) => `Удалить значок «${name}»?`,
    removeBadgeHelp: "После сохранения Shopify Flow больше не сможет его присуждать.",
    badges: "Значки",
    badgesHelp:
      "Присуждаются покупателю один раз, когда заказ выполняет условие, по желанию с бонусными баллами. Видны на странице «Награды» в аккаунте покупателя.",
    newBadge: "Новый значок",
    badgeName: "Название",
    bonusPoints: "Бонусные баллы",
    orderNumber: "Номер заказа",
    bigOrder: (currency: string) => `Заказ на сумму не меньше (${currency})`,
    lifetimeSpend: (currency: string) => `Сумма покупок за всё время (${currency})`,
    tier: "Уровень",
    description: "Описание для покупателей",
    customBadgeHelp: (id: string) =>
      `Присуждается действием Flow «Award loyalty badge» с идентификатором значка ${id}`,
    addCustomBadge: "Добавить свой значок",
    leaderboard: "Рейтинг",
    leaderboardHelp:
      "Лучшие участники месяца по заработанным баллам. Покупатели появляются в рейтинге только после согласия, с именем и первой буквой фамилии; своё место никто не видит, пока сам не попросит.",
    leaderboardEnabled: "Предлагать рейтинг",
    journeys: "Приветственные сценарии",
    journeysHelp:
      "Каждый шаг срабатывает для покупателя один раз как триггер Flow «Loyalty journey step due»; письмо или SMS настройте в Shopify Flow.",
    badgeRule: {
      firstOrder: "Сделал(а) первый заказ",
      nthOrder: (n: number) => `Сделал(а) ${count(n, orders)}`,
      bigOrder: (amount: string) => `Один заказ на ${amount} или больше`,
      lifetimeSpend: (amount: string) => `Потратил(а) всего ${amount}`,
      tierReached: (tier: string) => `Достиг(ла) уровня ${tier}`,
    },
    defaultBadgeNames: {
      "first-order": "Первый заказ",
      "fifth-order": "Постоянный покупатель",
      "big-order": "Большая корзина",
      gold: "Золотой участник",
      "spend-1000": "Щедрый покупатель",
    } as Record<string, string>,
    journeyPurposes: {
      "first-order-14d": "полезные материалы о купленном",
      "first-order-21d": "приглашение создать аккаунт (бонусные баллы по желанию)",
      "first-order-28d": "знакомство с программой лояльности",
    } as Record<string, string>,
    journeyStep: (n: number, purpose: string) =>
      `Через ${count(n, days)} после первого заказа: ${purpose}`,
    flow: "Триггеры Shopify Flow",
    flowHelp:
      "Отправлять эти события в Shopify Flow. Включите только те, которые используют ваши сценарии.",
    triggers: {
      points_earned: "Начислены баллы лояльности",
      reward_redeemed: "Обменяна награда",
      tier_changed: "Изменился уровень лояльности",
      points_expiring: "Баллы скоро сгорят",
      badge_earned: "Получен значок",
      birthday: "День рождения покупателя",
      referral_completed: "Приглашение завершено",
    },
    flowAlwaysOn: "Действие Flow «Award loyalty points» доступно всегда.",
  },
  import: {
    title: "Импорт участников и прошлых заказов",
    intro:
      "Загрузите CSV с балансами и уровнями (экспорт участников из Tally; файл баллов, файл VIP-уровней или экспорт покупателей из Smile.io; экспорт покупателей из LoyaltyLion) или с историей баллов (экспорт истории из Tally). Сначала вы увидите, что сделает файл; ничего не изменится, пока вы его не примените. Файл задаёт баланс каждого покупателя из своего приложения: повторный импорт или тот же покупатель под другим ключом ничего не добавляют. Каждый покупатель сначала проверяется в Shopify.",
    fileHolds: "Файл содержит",
    kindBalances: "Балансы и уровни",
    kindHistory: "Историю баллов",
    kinds: { balances: "балансы", history: "история" },
    chooseKind: "Выберите, что содержит файл",
    file: "Файл CSV",
    fileHint: "Принимается .csv",
    chooseFile: "Выберите файл CSV для импорта",
    encoding: "Кодировка текста",
    encodings: {
      "utf-8": "UTF-8",
      "windows-1252": "Windows-1252 (западноевропейская, Latin-1)",
      "windows-1251": "Windows-1251 (кириллица: русский, украинский…)",
      "windows-1250": "Windows-1250 (центральноевропейская: польский, чешский…)",
      "utf-16le": "UTF-16 (Excel «Текст в Юникоде»)",
    },
    delimiter: "Разделитель столбцов",
    automatic: "Определить автоматически",
    delimiters: { ",": "Запятая (,)", ";": "Точка с запятой (;)", "\t": "Табуляция" },
    tooLarge: "Файл больше 512 МБ: разделите его на несколько файлов.",
    unknownRequest: "Неизвестный запрос",
    submit: "Предпросмотр импорта",
    apply: "Применить импорт",
    discard: "Отменить",
    previewTitle: "Что сделает этот файл",
    previewHelp:
      "Пока ничего не изменилось. Проверьте цифры и отклонённые строки, затем примените.",
    summary: (summary: {
      membersMatched: number;
      newMembers: number;
      pointsAdded: number;
      pointsRemoved: number;
      tierChanges: number;
    }) =>
      `Сопоставлено участников: ${number(summary.membersMatched)}, новых участников: ${number(summary.newMembers)}, добавлено баллов: ${number(summary.pointsAdded)}, списано баллов: ${number(summary.pointsRemoved)}, смен уровня: ${number(summary.tierChanges)}`,
    pointsByTier: (tier: string, n: number) => `${tier}: ${count(n, points)}`,
    customersExportedAt: (when: string) =>
      `Новых для Tally покупателей сопоставили с покупателями магазина, выгруженными из Shopify ${when}; созданных в Shopify позже в выгрузке нет.`,
    birthdaysSet: (n: number) =>
      `Указано дней рождения: ${number(n)} (участникам, у которых его не было; уже указанный день рождения сохраняется)`,
    readAs: (encoding: string, delimiter: string) =>
      `Прочитано как ${encoding}, разделитель столбцов: ${delimiter}.`,
    ignoredColumns: (columns: string) => `Пропущенные столбцы: ${columns}`,
    pastOrders: "Прошлые заказы",
    pastOrdersHelp:
      "Загрузите заказы за последние 12 месяцев из Shopify (массовая операция), чтобы уровни и аналитика их учитывали. Заказы, которые уже есть в Tally, никогда не засчитываются дважды. Прошлые заказы приносят баллы, только если отметить флажок.",
    awardPoints: "Прошлые заказы приносят баллы",
    backfillLine: (date: string, withPoints: boolean, progress: string) =>
      `${date}${withPoints ? " (с баллами)" : ""}: ${progress}`,
    backfillProgress: {
      waiting: "Ждём, пока Shopify начнёт выгрузку…",
      exporting: (n: number) =>
        n > 0 ? `Shopify готовит выгрузку: пока ${count(n, orders)}…` : "Shopify готовит выгрузку…",
      applying: (applied: number, total: number) =>
        total > 0
          ? `Применяются заказы: ${number(applied)} из ${number(total)}`
          : `Применяются заказы: ${number(applied)}`,
      done: (applied: number) => `Готово: применено ${count(applied, orders)}`,
      failed: (applied: number, failure: string | null) =>
        `Ошибка после ${count(applied, ordersGenitive)}${failure ? `: ${failure}` : ""}`,
    },
    backfill: "Загрузить заказы",
    retryBackfill: (withPoints: boolean) =>
      `Повторить загрузку (${withPoints ? "прошлые заказы приносят баллы" : "прошлые заказы не приносят баллов"})`,
    noPreviewToApply: "Нет файла из предпросмотра, который можно применить: загрузите файл снова.",
    previewFileGone:
      "Файла из предпросмотра больше нет на этом сервере (приложение перезапустили или предпросмотр обработал другой экземпляр): загрузите его снова.",
    previewBeingApplied: "Этот предпросмотр уже применяется.",
    notMultipart: "Отправьте CSV-файл через форму загрузки (multipart/form-data).",
    tooManyParts: "В загрузке больше частей, чем CSV-файл и его описание.",
    oneFileAtATime: "Загружайте по одному файлу.",
    uploadUnreadable:
      "Не удалось прочитать загрузку: отправьте один CSV-файл и укажите, что в нём.",
    backfillNotFound: "Такой загрузки нет, или она не завершилась ошибкой.",
    history: "Импорты",
    importTitle: (file: string, kind: string, format: string | null) =>
      `${file} (${kind}${format ? `, формат ${format}` : ""})`,
    rows: (read: string, imported: string, skipped: string, nothing: string, failed: string) =>
      `Прочитано строк: ${read}; импортировано: ${imported}, уже были: ${skipped}, нечего импортировать: ${nothing}, отклонено: ${failed}`,
    previewRows: (
      read: string,
      imported: string,
      skipped: string,
      nothing: string,
      failed: string,
    ) =>
      `Прочитано строк: ${read}; к импорту: ${imported}, уже были: ${skipped}, нечего импортировать: ${nothing}, отклонено: ${failed}`,
    rejectedRows: "Отклонённые строки (CSV)",
    firstRejected: "Первые отклонённые строки",
    rejectedRow: (row: number, reason: string) => `Строка ${number(row)}: ${reason}`,
    status: {
      running: "выполняется",
      done: "готово",
      failed: "ошибка",
      pending: "ожидает",
      previewed: "предпросмотр — не применён",
      applied: "предпросмотр — применён",
      discarded: "предпросмотр — отменён",
    },
    mapHelp:
      "Tally не распознал столбцы этого файла. Укажите, какой столбец что содержит, и повторите предпросмотр (файл сохранён).",
    fields: {
      shopifyCustomerId: "ID покупателя в Shopify",
      email: "Email",
      points: "Баланс баллов",
      tier: "Уровень",
      firstName: "Имя",
      lastName: "Фамилия",
      createdAt: "Дата (история)",
    },
    notInFile: "— нет в файле —",
    previewMapped: "Предпросмотр с этими столбцами",
    newer: "Более новые импорты",
    older: "Более старые импорты",
    empty: "Импортов пока нет",
    emptyHelp: "Импортированные файлы появятся здесь с ходом выполнения и отклонёнными строками.",
  },
  jobs: {
    title: "Фоновые задачи",
    labels: {
      "collection-sync": "Синхронизация коллекций (множители коллекций)",
      "collection-membership": "Изменения коллекций из Shopify",
      "metafield-push": "Синхронизация метаполей и тегов",
      "redemption-release": "Освобождение неиспользованных кодов наград",
      "pending-maturation": "Ожидающие баллы становятся доступными",
      "point-expiry": "Сгорание баллов и уведомления о скором сгорании",
      "tier-reevaluation": "Пересмотр уровней",
      "tier-upgrades": "Повышение участников после изменения уровней",
      "ledger-verify": "Проверка истории баллов",
      "flow-trigger-push": "Отправка событий в Shopify Flow",
      journeys: "Шаги приветственных сценариев",
      "analytics-rollups": "Обновление показателей аналитики",
      "order-backfill": "Загрузка прошлых заказов",
      "stale-reservations": "Разбор незавершённых обменов",
      "stale-imports": "Прерванные импорты CSV помечаются как неудачные",
      "order-reconciliation": "Сверка заказов с Shopify (пропущенные вебхуки)",
      "currency-check": "Проверка валюты магазина для отложенных заказов",
      birthdays: "Бонусы ко дню рождения и события Flow о днях рождения",
      referrals: "Награды за приглашения после срока возврата",
    },
    reconciliation: "Заказы, сверенные с Shopify",
    reconciliationHelp:
      "Shopify не гарантирует доставку каждого вебхука. Tally сравнивает с Shopify заказы, обновлённые после последней сверки, и применяет то, что пропустил.",
    reconciledUntil: (when: string) => `Сверены все заказы, обновлённые до ${when}.`,
    notReconciledYet: "Ни одна сверка ещё не завершилась.",
    reconciliationCounts: (inProgress: boolean, checked: string, applied: string, failed: string) =>
      `${inProgress ? "Идёт сверка" : "Последняя сверка"}: проверено заказов: ${checked}, применено: ${applied}${failed !== "0" ? `, не удалось применить: ${failed}` : ""}.`,
    reconciliationFailure: (orderId: string, reason: string) => `Заказ ${orderId}: ${reason}`,
    headings: ["Задача", "Период", "Последний запуск", "Статус", "Результат", "Ошибки"],
    seconds: (n: number) => `${n} с`,
    minutes: (n: number) => `${n} мин`,
    hours: (n: number) => `${n} ч`,
    utc: (when: string) => `${when} UTC`,
    notYet: "Ещё нет",
    waiting: "Ожидает",
    ok: "ОК",
    failed: "Ошибка",
    none: "Нет",
    failures: (n: number, last: string) => `${n} (последняя ${last})`,
    lastErrors: "Последние ошибки",
    empty: "Ни одна задача ещё не запускалась",
    emptyHelp:
      "Фоновые задачи Tally выполняются по расписанию, пока приложение работает; ниже появятся последний запуск каждой и его результат.",
  },
  deadLetters: {
    title: "Доставки, требующие внимания",
    help: "Shopify отправил эти обновления, но Tally не смог их применить. По ним ничего не начислено и не изменено. «Повторить» снова обрабатывает доставку текущей версией Tally (дважды она никогда не применяется); «Закрыть» закрывает её с указанной вами причиной.",
    more: (shown: number, open: number) => `Показаны последние ${shown} из ${number(open)}.`,
    received: (when: string) => `Получено ${when}`,
    attempts: (n: number) => count(n, { one: "попытка", few: "попытки", many: "попыток" }),
    order: (id: string) => `Заказ ${id}`,
    customer: (id: string) => `Покупатель ${id}`,
    details: "Подробности",
    replay: "Повторить",
    dismiss: "Закрыть",
    dismissReason: "Почему вы её закрываете?",
    dismissConfirm: "Закрыть доставку",
    gone: "Эта доставка больше не ждёт вашего решения",
    replayed: "Доставка применена",
    dismissed: "Доставка закрыта",
    stillFailing: (reason: string) => `По-прежнему не применено: ${reason}`,
    topics: {
      "orders/paid": "Заказ оплачен",
      "orders/updated": "Заказ обновлён",
      "orders/cancelled": "Заказ отменён",
      "refunds/create": "Возврат",
      "customers/create": "Новый покупатель",
      "app/uninstalled": "Приложение удалено",
      "customers/data_request": "Запрос данных покупателя",
      "customers/redact": "Запрос на удаление данных покупателя",
      "shop/redact": "Запрос на удаление данных магазина",
    },
    reasons: {
      CURRENCY_MISMATCH:
        "Суммы указаны не в валюте вашего магазина, поэтому баллы не начислены. Если вы сменили валюту магазина, Tally учтёт её в течение минуты после того, как заметит.",
      INVALID_PAYLOAD:
        "В данных Shopify не хватало того, что нужно Tally, или было значение, которое он не может использовать.",
      INVALID_JSON: "Не удалось прочитать доставку.",
      WRONG_TOPIC: "Shopify отправил это на неверный адрес приложения.",
      REFUSED: "Tally отказался это применять (например, баланс превысил бы лимит).",
      HANDLER_ERROR: "Её остановила непредвиденная ошибка в Tally; ничего не изменено.",
      UNKNOWN_TOPIC: "Tally больше не обрабатывает такие обновления.",
    },
    otherReason: "Tally не смог это применить.",
    detailTexts: {
      wrongTopic: (v: { expected: string; received: string }) =>
        `Этот адрес приложения принимает ${v.expected}, а не ${v.received}`,
      invalidJson: () => "Тело уведомления — не корректный JSON",
      invalidPayload: (v: { issues: string }) =>
        `Поля данных Shopify, которые Tally не может использовать (техническое описание на английском): ${v.issues}`,
      currencyMismatch: (v: { what: "order" | "refund"; received: string; shopCurrency: string }) =>
        `Суммы ${v.what === "order" ? "заказа" : "возврата"} указаны в ${v.received}, а валюта магазина — ${v.shopCurrency}`,
      unknownTopic: (v: { topic: string }) => `Tally не обрабатывает ${v.topic}`,
    },
    technicalDetails: "Технические подробности (на английском)",
  },
  members: {
    title: "Участники",
    resource: { singular: "участник", plural: "участники" },
    search: "Поиск по email или имени",
    searchPlaceholder: "Начинается с…",
    invalidCursor: "Ссылка на страницу неверна или устарела; начните с первой страницы.",
    nulCharacter: "Поиск и уровень не могут содержать символ NUL.",
    searchTooLong: (max: number) =>
      `Используйте для поиска не больше ${number(max)} символов: достаточно начала email или имени.`,
    tier: "Уровень",
    allTiers: "Все уровни",
    sort: "Сортировать по",
    sortBalance: "Баланс",
    sortLifetime: "Баллы за всё время",
    apply: "Найти",
    empty: "Участников пока нет",
    emptyHelp: "Покупатели становятся участниками, когда создают аккаунт или оформляют заказ.",
    noMatch: "Нет подходящих участников",
    noMatchHelp:
      "Введите начало email, имя («zofia mül») или фамилию. Диакритика и регистр не важны.",
    total: (n: number, atLeast: boolean) =>
      atLeast
        ? `Больше ${count(n, { one: "участника", few: "участников", many: "участников" })}`
        : count(n, members),
    totalOfSearch: (n: number, atLeast: boolean) =>
      atLeast
        ? `${number(n)}+ совпадений в выдаче`
        : count(n, { one: "совпадение", few: "совпадения", many: "совпадений" }),
    searchTruncated: (limit: number) =>
      `Подходит много участников: здесь ранжированы первые ${number(limit)} совпадений по каждому полю (по алфавиту). Введите больше символов email или имени, чтобы сузить поиск.`,
    name: "Имя",
    email: "Email",
    balance: "Баланс",
    lifetime: "Баллы за всё время",
    orders: "Заказы",
    loading: "Загрузка участников",
    firstPage: "Первая страница",
    previousPage: "Предыдущая страница",
    nextPage: "Следующая страница",
    unnamed: "(без имени)",
  },
  member: {
    balance: "Баланс",
    pending: "Ожидают",
    lifetime: "Баллы за всё время",
    orders: "Заказы",
    tier: "Уровень",
    nextTier: (remaining: number, name: string) => `${number(remaining)} до уровня ${name}`,
    topTier: "Высший уровень",
    tierOverride: "Закреплённый уровень",
    tierOverrideHelp:
      "Закрепите участника на уровне (VIP-гость, компенсация). Пока уровень закреплён, баллы начисляются с множителем этого уровня, а ни повышения, ни пересмотр его не меняют.",
    tierOverrideNone: "Не закреплять (уровень по заработанному)",
    tierOverrideCurrent: (tier: string) => `Закреплён сотрудником на уровне ${tier}.`,
    tierOverrideTier: "Уровень",
    tierOverrideReason: "Причина (сохраняется в истории уровней)",
    tierOverrideSubmit: "Сохранить уровень",
    tierOverridden: (tier: string, pinned: boolean) =>
      pinned ? `Закреплён на уровне ${tier}` : `Закрепление снято; уровень — ${tier}`,
    tierOverrideUnchanged: "Нечего менять.",
    adjust: "Корректировка баллов",
    adjustPoints: "Баллы (отрицательное число, чтобы списать)",
    adjustReason: "Причина (сохраняется в истории участника)",
    adjustSubmit: "Применить",
    adjusted: (n: number) => `${n > 0 ? "Начислено" : "Списано"} ${count(Math.abs(n), points)}`,
    adjustDuplicate: "Эта корректировка уже записана.",
    insufficient: (balance: number) => `У участника для списания только ${count(balance, points)}.`,
    overLimit: `Баланс участника превысил бы ${number(MAX_MEMBER_POINTS)} баллов — максимум для одного участника.`,
    conflict: "Эта форма уже использована для другой корректировки; обновите страницу.",
    ledger: "История баллов",
    ledgerEmpty: "Движений баллов пока нет.",
    olderEntries: "Более ранние записи",
    newestEntries: "Последние записи",
    date: "Дата",
    what: "Что произошло",
    points: "Баллы",
    openInShopify: "Открыть в Shopify",
    redemptions: "Обмены",
    tierHistory: "История уровней",
    tierMove: "Переход",
    tierReason: "Причина",
    tierMoved: (from: string | null, to: string) => `${from ?? "—"} → ${to}`,
    redemptionsEmpty: "Ни одна награда ещё не обменяна.",
    reward: "Награда",
    code: "Код",
    status: "Статус",
    expiresOn: (status: string, day: string) => `${status} (действует до ${day})`,
    recentOrders: "Последние заказы",
    explain: "Объяснить",
    explainOrder: (order: string) => `Объяснить заказ ${order}`,
    explanation: (name: string) => `Почему за ${name} начислено столько`,
    programVersion: (version: number | null) =>
      version === null ? "Баллы не начислялись" : `Начислено по версии программы ${version}`,
    redacted: "Персональные данные этого покупателя удалены по его запросу.",
    notFound: "Такого участника нет в этом магазине.",
    tierOverrideReasonMissing: "Укажите причину (сохраняется в истории уровней)",
    tierOverrideReasonTooLong: "Не больше 500 символов",
  },
  kpis: {
    members: {
      label: "Участники",
      definition:
        "Покупатели, состоящие в программе сейчас (Tally записывает каждого покупателя, которого знает Shopify).",
      formula: "Число участников программы на данный момент.",
      source: "Число участников программы лояльности.",
      departure:
        "Участники записываются автоматически, поэтому участники — все опознанные покупатели, а не только те, кто записался сам.",
    },
    newMembers: {
      label: "Новые участники",
      definition:
        "Участники, чей аккаунт покупателя создан в Shopify в этом периоде. Участники, записанные до того, как Tally стал хранить эту дату, считаются по дате записи.",
      formula:
        "Число участников, чей аккаунт создан в Shopify в периоде (дата записи, если даты создания нет).",
      source: "Новые покупатели: впервые замеченные (аккаунт создан) в периоде.",
      departure:
        "Участники, записанные Tally до того, как он стал хранить дату создания аккаунта в Shopify, считаются по дате записи, поэтому сразу после обновления старая база покупателей может выглядеть новой.",
    },
    joinedMembers: {
      label: "Вступили в программу",
      definition:
        "Участники, которых Tally записал в этом периоде (после установки или загрузки прошлых заказов сюда входят и покупатели, которые есть в Shopify годами).",
      formula: "Число участников с датой записи в периоде.",
      source: "Записи в программу за период.",
    },
    participatingMembers: {
      label: "Активные участники",
      definition:
        "Участники хотя бы с одним обменом, баллы за который не вернулись (не освобождён, не сгорел неиспользованным). Именно они — «участники» во всех сравнениях участников с остальными.",
      formula: "Число участников с сохранённым обменом за всё время.",
      source: "Активные обменивающие.",
      departure:
        "Tally записывает каждого покупателя, поэтому сравнение записанных с незаписанными сравнивало бы всех с гостями; обменивающие — это покупатели, до которых программа действительно дошла.",
    },
    participationRate: {
      label: "Доля активных",
      definition:
        "Участники, которые в этом периоде заработали баллы своим действием (заказ, бонус) или обменяли награду и сохранили её ÷ все участники сейчас.",
      formula: "Активные в периоде ÷ участники сейчас × 100.",
      source:
        "Доля активных участников программы лояльности: участники, проявившие активность в периоде ÷ участники.",
      departure:
        "Корректировки сотрудников и импорт — не действия участника и не считаются; обмен, баллы которого вернулись (код освобождён или истёк неиспользованным), тоже не считается.",
    },
    pointsIssued: {
      label: "Начислено баллов",
      definition:
        "Баллы, заработанные в этом периоде, за вычетом отмен (возвраты, отмены заказов), плюс баллы из импорта и начисленные сотрудниками (только положительные). Баллы заказа и их отмены учитываются в день оформления заказа.",
      formula:
        "Σ начислений + Σ отмен (по заказу — в день заказа, остальное — в день записи) + Σ положительных корректировок и импорта за период.",
      source: "Начисленные баллы (отчётность об обязательствах программы лояльности).",
      departure:
        "Отмены считаются в день заказа, чтобы у баллов и выручки был один календарь; поэтому поздний возврат меняет прошедший период.",
    },
    pointsRedeemed: {
      label: "Обменяно баллов",
      definition:
        "Баллы, потраченные на награды в этом периоде, за вычетом баллов, возвращённых за коды, которые истекли неиспользованными или были освобождены.",
      formula: "−(Σ обменов + Σ освобождений), записанных в периоде.",
      source: "Обменянные баллы.",
    },
    pointsExpired: {
      label: "Сгорело баллов",
      definition: "Баллы, списанные в этом периоде по правилам сгорания программы.",
      formula: "−Σ сгораний, записанных в периоде.",
      source: "Сгоревшие баллы (реализованное неиспользование).",
    },
    pointsOutstanding: {
      label: "Баллы на счетах",
      definition: "Сумма текущих балансов всех участников (все записи истории баллов).",
      formula: "Σ всех записей истории баллов на данный момент.",
      source: "Остаток неиспользованных баллов.",
    },
    liability: {
      label: "Обязательства по баллам",
      definition:
        "(Баллы на счетах + баллы в выданных, неиспользованных кодах наград) × стоимость одного балла во включённой награде фиксированной суммой или кредитом магазина, которая даёт больше всего за балл (максимум, во что вам могут обойтись баллы). Не показывается без такой награды.",
      formula:
        "(неиспользованные баллы + баллы в открытых кодах) × стоимость балла, с округлением вниз, на данный момент.",
      source: "Обязательства по баллам лояльности (отложенная выручка до учёта неиспользования).",
      departure:
        "Стоимость балла берётся по самой щедрой награде с фиксированной суммой, а не как среднее по обменам, поэтому обязательства никогда не занижены.",
    },
    estimatedLiability: {
      label: "Оценка обязательств с учётом невостребованных баллов",
      definition:
        "Обязательства за вычетом ожидаемой доли невостребованных баллов: доли баллов, которые ушли с балансов, сгорев, а не будучи обменянными, за всю историю магазина. Не показывается, пока ни один балл не обменян и не сгорел.",
      formula:
        "обязательства × (1 − неиспользование), неиспользование = сгоревшие ÷ (сгоревшие + обменянные) баллы за всё время.",
      source:
        "МСФО (IFRS) 15 (B46): ожидаемое неиспользование признаётся пропорционально характеру осуществления прав.",
      departure:
        "Оценка только по истории этого магазина; новая программа или программа без сгорания баллов покажет малое неиспользование или никакого. Это не бухгалтерская консультация.",
    },
    redemptionRate: {
      label: "Доля обмена",
      definition: "Обменянные баллы ÷ начисленные баллы за период.",
      formula: "Обменянные баллы ÷ начисленные баллы за тот же период × 100.",
      source: "Доля обмена баллов лояльности.",
    },
    repeatRate: {
      label: "Доля повторных покупок",
      definition:
        "Покупатели с двумя и более заказами в этом периоде ÷ покупатели с заказом в этом периоде. Учитываются оплаченные, не отменённые и не возвращённые полностью заказы.",
      formula: "Покупатели с ≥ 2 заказами в периоде ÷ покупатели с ≥ 1 заказом в периоде × 100.",
      source: "Доля повторных покупок (аналитика электронной коммерции).",
      departure: "Заказы гостей нельзя связать между собой, поэтому они не учитываются.",
    },
    retention: {
      label: "Коэффициент удержания (CRR)",
      definition:
        "((E − N) ÷ S): покупатели, заказывавшие до периода и снова заказавшие в нём ÷ покупатели, заказывавшие до периода.",
      formula:
        "((E − N) ÷ S) × 100; S = покупатели на начало, E = покупатели на конец, N = новые покупатели за период.",
      source:
        "Коэффициент удержания покупателей, CRR = ((E − N) ÷ S) × 100, как в литературе о программах лояльности.",
      departure:
        "Покупатель «есть» у магазина с первого заказа; E считает тех, кто заказал в периоде (нет заказа — покупатель потерян), так как покупатели Shopify никогда не уходят явно.",
    },
    aov: {
      label: "Средний чек",
      definition:
        "Выручка ÷ заказы, оформленные в этом периоде; учитываются оплаченные, не отменённые и не возвращённые полностью заказы. «Остальные» включают гостевые заказы. Выручка — сумма заказа после скидок и возвратов, без доставки, налогов, чаевых и подарочных карт, в валюте магазина.",
      formula: "Σ чистых подытогов ÷ число учитываемых заказов, оформленных в периоде.",
      source: "Средний чек.",
      departure:
        "За вычетом возвратов (возврат уменьшает сумму заказа в день заказа); доставка и налоги не учитываются, как и при начислении баллов.",
    },
    clv: {
      label: "Пожизненная ценность покупателя (CLV)",
      definition:
        "Выручка за всё время от покупателей, оформлявших заказы ÷ их число (без гостевых заказов: их нельзя различить).",
      formula: "Σ чистой выручки за всё время ÷ покупатели с учитываемым заказом на данный момент.",
      source: "Историческая пожизненная ценность клиента (CLV).",
      departure: "Историческая (сколько покупатели потратили), а не прогноз; маржа не учитывается.",
    },
    rewardRevenue: {
      label: "Выручка от заказов с наградой",
      definition:
        "Выручка от заказов, оформленных в этом периоде с кодом награды Tally, и её доля во всей выручке.",
      formula: "Σ чистых подытогов учитываемых заказов с кодом награды за период.",
      source: "Выручка, связанная с наградами.",
    },
    referralsMade: {
      label: "Рекомендации",
      definition:
        "Коды для друзей, выданные за период: каждый раз, когда реферальную ссылку участника открыли и друг получил новый код скидки.",
      formula:
        "Число рекомендаций (выданных кодов для друзей), созданных в периоде; ссылка, снова открытая с того же адреса, использует тот же код и повторно не считается.",
      source: "Реферальная программа: отправленные рекомендации (ссылки, дошедшие до друга).",
      departure:
        "Ссылку, которой поделились, но которую не открыли, не видит ни одно приложение, поэтому Tally считает коды для друзей, выданные его ссылками.",
    },
    referralsCompleted: {
      label: "Завершённые рекомендации",
      definition:
        "Рекомендации, по которым первый заказ друга прошёл срок возврата в этом периоде, так что участник получил награду.",
      formula:
        "Число рекомендаций со статусом «вознаграждена» и датой завершения в периоде (отменённые, отклонённые и задержанные не считаются никогда).",
      source: "Реферальная программа: успешные рекомендации (вознаграждённые).",
    },
    referredRevenue: {
      label: "Выручка от рекомендаций",
      definition:
        "Чистая выручка первых заказов приглашённых друзей, рекомендации которых завершены в этом периоде.",
      formula:
        "Σ чистых подытогов (после возвратов, без налогов и доставки) заказов по рекомендациям, завершённым в периоде.",
      source:
        "Реферальная программа: выручка по рекомендациям (выручка от первых покупок приглашённых покупателей).",
      departure:
        "Считается при завершении рекомендации (после срока возврата), а не при оформлении заказа, поэтому возвращённый заказ никогда не учитывается.",
    },
    referralConversion: {
      label: "Конверсия рекомендаций",
      definition:
        "Доля кодов для друзей, выданных за период, по которым рекомендация уже завершена.",
      formula:
        "Рекомендации, созданные в периоде и уже вознаграждённые ÷ рекомендации (коды для друзей), созданные в периоде × 100.",
      source: "Конверсия рекомендаций: успешные рекомендации ÷ отправленные рекомендации.",
      departure:
        "Когорта кодов периода, поэтому последний период растёт по мере того, как их заказы проходят срок возврата.",
    },
  },
  explain: {
    notEarned: {
      guest_order: "Гостевой заказ: нет аккаунта покупателя, на который можно начислить баллы.",
      not_paid: "Заказ ещё не оплачен; баллы начислятся после оплаты.",
      cancelled: "Заказ отменён, поэтому его баллы списаны.",
      fully_refunded: "Всё, за что начислялись баллы, возвращено.",
      below_minimum_subtotal:
        "Сумма заказа ниже минимальной, с которой начисляются баллы за покупки.",
      purchase_rule_disabled: "В программе покупки не приносят баллов.",
      zero_earn_base:
        "Ничто в заказе не приносит баллов (доставка, налоги, чаевые и подарочные карты — никогда).",
      order_points_capped: (max: number) =>
        `Правила дали больше, чем может принести один заказ; заказ принёс ${count(max, points)}.`,
    },
    purchaseRate: (points_: string, spendUnit: number, currency: string, base: string) =>
      `${points_} б. за каждые ${number(spendUnit)} ${currency} с ${base}`,
    productMultipliers: (multipliers: string) => `множители товаров ${multipliers}`,
    collectionMultipliers: (multipliers: string) => `множители коллекций ${multipliers}`,
    campaign: (name: string, multiplier: string) => `кампания «${name}» ${multiplier}`,
    tier: (name: string, multiplier: string) => `уровень ${name} ${multiplier}`,
    purchase: (parts: string, points_: number) =>
      `Покупка: ${parts}, с округлением вниз = ${count(points_, points)}.`,
    firstOrder: (points_: number) => `Бонус за первый заказ: ${count(points_, points)}.`,
    everyNthOrder: (ordinal: number, every: number, points_: number) =>
      `Заказ № ${number(ordinal)} (каждый ${number(every)}-й заказ): ${count(points_, points)}.`,
    milestone: (milestone: string, points_: number) =>
      `Общая сумма покупок превысила ${milestone}: ${count(points_, points)}.`,
  },
  ledger: {
    orderPaid: (order: string) => `Заказ ${order} оплачен`,
    pointsEarned: "Начислены баллы",
    orderReversed: (order: string) => `Возврат или отмена заказа ${order}`,
    reversed: (reason: string) => `Отменено: ${reason}`,
    pointsReversed: "Начисление отменено",
    redeemed: (reward: string | null) => `Обмен: ${reward ?? "награда"}`,
    returned: "Возвращено: код награды не использован",
    expired: "Баллы сгорели",
    adjusted: (reason: string | null, staffId: string | null) =>
      `Корректировка сотрудником: ${reason ?? "причина не указана"}${staffId ? ` (сотрудник ${staffId})` : ""}`,
    imported: (reason: string) => `Импорт: ${reason}`,
    importedPrevious: "Импортировано из прежнего приложения лояльности",
    order: (order: string) => `заказ ${order}`,
    bonus: {
      signupBonus: "Бонус за создание аккаунта",
      firstLoginBonus: "Бонус за первый вход",
      birthdayBonus: "Бонус ко дню рождения",
      welcomeBonus: "Приветственный бонус",
      referralBonus: "Бонус за приглашение друга",
    },
    badge: (badge: string) => `Значок: ${badge}`,
    takenBack: (code: string, order: string) =>
      `Баллы списаны: освобождённый код награды ${code} использован в заказе ${order}`,
    redemptionStatus: {
      reserved: "Выдаётся",
      issued: "Код выдан, ещё не использован",
      used: "Использован",
      released: "Не использован: баллы возвращены",
      expired: "Истёк",
      failed: "Ошибка: баллы возвращены",
    },
  },
  importProblems: {
    extraCells: (v: { cells: number; width: number; delimiter: string }) =>
      `В строке ${v.cells} ячеек, а в заголовке ${v.width}: нет ли «${v.delimiter}» внутри значения (баллы вида 1${v.delimiter}5)? Возьмите значение в кавычки или запишите баллы целыми числами без разделителей.`,
    notShopifyId: (v: { id: string }) =>
      `Идентификатор клиента «${v.id}» не является идентификатором клиента Shopify (только цифры).`,
    notEmail: (v: { email: string }) => `«${v.email}» не является адресом электронной почты.`,
    noCustomer: () =>
      "Нет ни идентификатора клиента, ни адреса электронной почты: строку нельзя сопоставить с клиентом.",
    pointsMissing: () => "Не указаны баллы.",
    pointsAmbiguousComma: (v: { raw: string; delimiter: string }) =>
      `Баллы «${v.raw}» неоднозначны: в файле с разделителем «${v.delimiter}» запятая отделяет дробную часть. Запишите целые числа без разделителей (52620).`,
    pointsAmbiguousPoint: (v: { raw: string }) =>
      `Баллы «${v.raw}» неоднозначны: в файле с разделителем-запятой точка отделяет дробную часть. Запишите целые числа без разделителей (52620).`,
    pointsNotWhole: (v: { raw: string }) => `Баллы «${v.raw}» должны быть целым числом.`,
    pointsBeyondLimit: (v: { points: number; limit: number }) =>
      `Баллы ${number(v.points)} превышают предел ${number(v.limit)}.`,
    negativeBalance: () => "Баланс не может быть отрицательным.",
    notIsoDate: (v: { raw: string }) =>
      `Дата «${v.raw}» не в формате ISO (2025-06-01 или 2025-06-01T10:00:00Z).`,
    dateMissing: () => "Не указана дата записи created_at.",
    birthdayUnreadable: (v: { raw: string }) =>
      `Tally не понимает дату рождения «${v.raw}»: запишите 1990-05-27, 05-27 или --05-27 (год-месяц-день; год не учитывается).`,
    birthdayNotReal: (v: { raw: string; month: number; day: number }) =>
      `Дата рождения «${v.raw}» не существует (месяц ${v.month}, день ${v.day}).`,
    unknownTier: (v: { tier: string; tiers: string[] }) =>
      `Уровня «${v.tier}» нет среди уровней программы (${v.tiers.join(", ")}).`,
    memberOverflow: (v: { points: number; figure: "balance" | "lifetime"; limit: number }) =>
      `Эти баллы (${number(v.points)}) подняли бы ${v.figure === "balance" ? "баланс" : "всего заработанные баллы"} участника выше ${number(v.limit)}, максимума для одного участника; строка не применена.`,
    notAskable: (v: { id: string }) =>
      `Клиент с идентификатором ${v.id} ещё не участник Tally, а запросить Shopify не удалось; откройте импорт из приложения, чтобы клиенты были проверены в Shopify.`,
    idNotInShopify: (v: { id: string; exportedAt: string | null }) =>
      `Ни у одного клиента Shopify нет идентификатора ${v.id}${exportedAsOf(v.exportedAt)}: проверьте идентификатор (опечатка или идентификатор из прежнего приложения?). Для него ничего не создано.`,
    emailTwiceInTally: (v: { email: string }) =>
      `Адрес ${v.email} есть у нескольких клиентов; добавьте идентификатор клиента Shopify.`,
    emailTwiceInShopify: (v: { email: string }) =>
      `Адрес ${v.email} есть у нескольких клиентов Shopify; добавьте идентификатор клиента Shopify.`,
    emailNotInShopify: (v: { email: string; exportedAt: string | null }) =>
      `Клиента с адресом ${v.email} нет ни в Shopify, ни в Tally${exportedAsOf(v.exportedAt)}; добавьте идентификатор клиента Shopify или сначала создайте клиента в Shopify.`,
    emailUnknown: (v: { email: string }) =>
      `Клиент с адресом ${v.email} Tally пока неизвестен; добавьте идентификатор клиента Shopify или сначала запустите загрузку заказов.`,
    importedBefore: (v: { before: number; points: number }) =>
      `Эта запись уже импортирована из прежнего файла (${number(v.before)} б.); баллы этой строки (${number(v.points)}) не применены.`,
    duplicateCustomer: (v: { first: number }) =>
      `Дубликат: этот клиент уже есть в строке ${number(v.first)} файла; в файле балансов одна строка на клиента, использована только первая.`,
    duplicateEntry: (v: { first: number }) =>
      `Дубликат: строка ${number(v.first)} файла — та же запись; использована только первая.`,
    notApplied: () => "Строка не применена.",
  },
  importFailures: {
    empty: () => "Файл пуст.",
    excelWorkbook: () =>
      "Это не CSV-файл: похоже на книгу Excel (или другой архив). В Excel выберите Файл › Сохранить как › «CSV UTF-8 (разделитель — запятая)» и загрузите этот файл.",
    notCsv: (v: { kind: "png" | "jpeg" | "gif" | "pdf" | "gzip" }) =>
      `Это не CSV-файл: это ${{ png: "изображение PNG", jpeg: "изображение JPEG", gif: "изображение GIF", pdf: "документ PDF", gzip: "архив gzip" }[v.kind] ?? "файл другого типа"}.`,
    binary: () => "Это не CSV-файл: в нём двоичные данные.",
    notUtf8: (v: { offset: number }) =>
      `Файл не в кодировке UTF-8 (ошибка после байта ${number(v.offset)}): вероятно, он сохранён в региональной кодировке. Выберите кодировку файла или сохраните его из таблицы как «CSV UTF-8».`,
    mappedColumnMissing: (v: { name: string; field: string }) =>
      `В файле нет столбца «${v.name}» (выбран для поля «${ru.import.fields[v.field] ?? v.field}»).`,
    customerColumnMissing: () =>
      "В файле нужен столбец покупателя: shopify_customer_id (или merchant_id) либо email.",
    customerColumnIsSourceId: (v: { column: string }) =>
      `В файле нужен столбец покупателя: shopify_customer_id (или merchant_id) либо email. «${v.column}» считается ID покупателя в прежнем приложении, а не в Shopify: если в нём ID покупателей Shopify, сопоставьте его с полем «${ru.import.fields.shopifyCustomerId}».`,
    birthdayHalf: () =>
      "Для дня рождения в двух столбцах нужны оба: birthday.month и birthday.day.",
    balancesColumnsMissing: () =>
      "В файле нужен столбец баллов (points, points_balance или points_approved), столбец уровня (vip_tier или tier) или столбец дня рождения (birthday или date_of_birth).",
    historyPointsMissing: () => "В файле истории нужен столбец баллов.",
    historyDateMissing: () => "В файле истории нужен столбец created_at (дата каждой записи).",
    noHeader: () => "Файл пуст: нужна строка заголовка и хотя бы одна строка данных.",
    noRows: () => "В файле есть строка заголовка, но нет строк для импорта.",
    everyRowRejected: (v: { dryRun: boolean }) =>
      `Все строки отклонены: ничего ${v.dryRun ? "не было бы импортировано" : "не импортировано"}. Скачайте отклонённые строки, чтобы увидеть причины.`,
    sessionGone: () =>
      "Сессия магазина в Shopify закончилась (приложение удалено?): покупателей, новых для Tally, нельзя проверить в Shopify. Откройте приложение снова и загрузите тот же файл ещё раз, чтобы продолжить.",
    shopifyDidNotAnswer: (v: { detail: string }) =>
      `Shopify не ответил на поиск покупателей (${v.detail}). Загрузите тот же файл ещё раз, чтобы продолжить: уже импортированные строки повторно не импортируются.`,
    exportBusyHere: () =>
      "Другой импорт ещё выгружает покупателей этого магазина из Shopify; загрузите файл снова через несколько минут.",
    exportSlotBusy: () =>
      "Shopify занят другой выгрузкой этого магазина (загрузкой заказов?), поэтому покупателей магазина выгрузить не удалось; загрузите файл снова, когда она закончится.",
    exportRefused: (v: { detail: string }) =>
      `Shopify отказал в выгрузке покупателей магазина: ${v.detail}.`,
    exportEnded: (v: { operationStatus: string | null; errorCode: string | null }) =>
      v.operationStatus
        ? `Выгрузка покупателей магазина из Shopify завершилась со статусом ${v.operationStatus}${v.errorCode ? ` (${v.errorCode})` : ""}; загрузите файл снова, чтобы повторить.`
        : "Shopify больше не знает о выгрузке покупателей магазина; загрузите файл снова, чтобы повторить.",
    exportNotDownloaded: (v: { httpStatus: number }) =>
      `Не удалось скачать из Shopify выгрузку покупателей магазина (HTTP ${v.httpStatus}); загрузите файл снова, чтобы повторить.`,
    stale: () =>
      "Импорт остановился: 10 минут без продвижения (приложение перезапустили или остановили во время чтения файла). Загрузите тот же файл ещё раз: импорт продолжится, а уже импортированные строки повторно не импортируются.",
    unreadable: (v: { detail: string }) => `Не удалось прочитать файл: ${v.detail}`,
  },
  backfillFailures: {
    refused: (v: { detail: string }) => `Shopify отклонил массовый запрос: ${v.detail}`,
    operationGone: () => "Shopify больше не знает о массовой операции",
    operationEnded: (v: { operationStatus: string; errorCode: string | null }) =>
      `Массовая операция завершилась со статусом ${v.operationStatus}${v.errorCode ? ` (${v.errorCode})` : ""}`,
    fileNotDownloaded: (v: { detail: string }) =>
      `Не удалось скачать файл выгрузки из Shopify (${v.detail})`,
    fileUnreadable: (v: { applied: number; detail: string }) =>
      `Не удалось прочитать файл выгрузки из Shopify после ${count(v.applied, ordersGenitive)} (${v.detail})`,
    accessRefused: (v: { httpStatus: number }) =>
      `Shopify отказал Tally в доступе к магазину (HTTP ${v.httpStatus}). Откройте Tally из админки Shopify, чтобы авторизовать приложение заново, и повторите.`,
    shopifyError: (v: { detail: string }) => `Shopify ответил ошибкой: ${v.detail}`,
  },
  collectionSyncFailures: {
    refused: (v: { detail: string }) => `Shopify отказал в выгрузке коллекций: ${v.detail}`,
    operationGone: () => "Shopify больше не знает о выгрузке коллекций",
    operationEnded: (v: { operationStatus: string; errorCode: string | null }) =>
      `Выгрузка коллекций завершилась со статусом ${v.operationStatus}${v.errorCode ? ` (${v.errorCode})` : ""}`,
    fileNotDownloaded: (v: { detail: string }) =>
      `Не удалось скачать выгрузку коллекций из Shopify (${v.detail})`,
    accessRefused: (v: { httpStatus: number }) =>
      `Shopify отказал Tally в доступе к магазину (HTTP ${v.httpStatus})`,
    shopifyError: (v: { detail: string }) => `Shopify ответил ошибкой: ${v.detail}`,
  },
  tierReasons: {
    reached: (v: { tier: string; threshold: number; basis: string; period: string }) =>
      `достигнут уровень ${v.tier} (порог ${number(v.threshold)}; ${tierBasis[v.basis] ?? v.basis} ${tierPeriod[v.period] ?? v.period})`,
    overrideSet: (v: { staffId: string; reason: string }) =>
      `уровень назначен вручную сотрудником ${v.staffId}: ${v.reason}`,
    overrideRemoved: (v: { staffId: string; reason: string; value: number; tier: string }) =>
      `ручное назначение снято сотрудником ${v.staffId}: ${v.reason}; ${number(v.value)} даёт уровень ${v.tier}`,
    reevaluationTierGone: (v: {
      value: number;
      basis: string;
      period: string;
      gone: string;
      tier: string;
    }) => `пересмотр: уровня «${v.gone}» больше нет; ${measure(v)} — это уровень ${v.tier}`,
    reevaluationUp: (v: {
      value: number;
      basis: string;
      period: string;
      tier: string;
      threshold: number;
    }) => `пересмотр: ${measure(v)} — это уровень ${v.tier} (${number(v.threshold)})`,
    reevaluationDown: (v: {
      value: number;
      basis: string;
      period: string;
      held: string;
      threshold: number;
      graceDays: number;
    }) =>
      `пересмотр: ${measure(v)} — меньше порога ${v.held} (${number(v.threshold)})${v.graceDays ? ` после льготного периода (${count(v.graceDays, days)})` : ""}`,
    imported: () => "импортировано из CSV",
  },
  adminLanguage: {
    title: "Язык интерфейса",
    help: "Язык, на котором вы видите страницы Tally (каждый сотрудник выбирает свой). В админке Shopify нет русского языка: выберите его здесь.",
    label: "Язык",
    followShopify: (language: string) => `Как в админке Shopify (сейчас: ${language})`,
    saved: "Язык интерфейса сохранён",
    invalid: "Выберите один из языков в списке.",
  },
};
