// Staff-facing Polish for the embedded admin: a translation of en.ts, whose type is the contract (a
// missing or extra key does not compile). Plurals follow Intl.PluralRules ("1 punkt", "2 punkty",
// "5 punktów"); numbers are written the Polish way.
import { MAX_MEMBER_POINTS } from "../loyalty/balance";
import type { Messages } from "./en";
import { localeCount, localeNumber, pluralForm } from "./plural";

const number = localeNumber("pl");
const tierBasis: Record<string, string> = {
  points_earned: "zdobyte punkty",
  amount_spent: "wydatki (w jednostkach podstawowych)",
};
const tierPeriod: Record<string, string> = {
  lifetime: "od początku",
  trailing_12_months: "z ostatnich 12 miesięcy",
  calendar_year: "w tym roku kalendarzowym",
};
const measure = (v: { value: number; basis: string; period: string }) =>
  `${tierBasis[v.basis] ?? v.basis} ${tierPeriod[v.period] ?? v.period}: ${number(v.value)}`;
const exportedAsOf = (at: string | null) =>
  at
    ? ` (sprawdzono z klientami sklepu wyeksportowanymi z Shopify ${at.slice(0, 16).replace("T", " ")} UTC)`
    : "";
const count = localeCount("pl");
const points = { one: "punkt", few: "punkty", many: "punktów" };
const members = { one: "uczestnik", few: "uczestników", many: "uczestników" };
const orders = { one: "zamówienie", few: "zamówienia", many: "zamówień" };
const ordersGenitive = { one: "zamówienia", few: "zamówień", many: "zamówień" };

export const pl: Messages = {
  login: {
    title: "Logowanie",
    heading: "Otwórz Tally dla swojego sklepu",
    shopLabel: "Domena sklepu",
    shopHelp: "example.myshopify.com",
    submit: "Zaloguj się",
    missingShop: "Wpisz domenę sklepu, aby się zalogować",
    invalidShop: "Wpisz prawidłową domenę sklepu, np. example.myshopify.com",
  },
  nav: {
    home: "Strona główna",
    program: "Program",
    rewards: "Nagrody",
    members: "Uczestnicy",
    engagement: "Zaangażowanie",
    analytics: "Analityka",
    import: "Import",
    jobs: "Zadania w tle",
    referrals: "Polecenia",
  },
  referrals: {
    title: "Polecenia",
    intro:
      "Znajomi, którzy otworzyli link polecający uczestnika, i co stało się z ich pierwszym zamówieniem. Polecenia wstrzymane do sprawdzenia czekają na Twoją decyzję tutaj lub na stronie polecającego.",
    figures: (days: number) => `Ostatnie ${count(days, { one: "dzień", few: "dni", many: "dni" })}`,
    links: "Otwarte linki",
    converted: "Pierwsze zamówienia",
    conversion: "Konwersja",
    completed: "Nagrodzeni polecający",
    held: "Wstrzymane do sprawdzenia",
    revenue: "Przychód z poleceń",
    filterAll: "Wszystkie statusy",
    columns: [
      "Otwarto",
      "Polecający",
      "Status",
      "Zamówienie znajomego",
      "Wartość zamówienia",
      "Punkty",
    ],
    empty: "Nie ma jeszcze poleceń.",
    none: "—",
    approve: "Zatwierdź",
    reject: "Odrzuć",
    decided: "Polecenie zaktualizowane",
    notHeld: "To polecenie nie czeka już na sprawdzenie.",
    memberCard: "Polecenia",
    memberEmpty: "Ten uczestnik nikogo jeszcze nie polecił.",
    chooseDecision: "Wybierz, czy zatwierdzić, czy odrzucić polecenie",
    notFound: "To polecenie nie istnieje w tym sklepie.",
    status: {
      pending: "Link otwarty",
      qualified: "Czeka na koniec okresu zwrotu",
      held: "Wstrzymane do sprawdzenia",
      completed: "Nagrodzone",
      reversed: "Cofnięte (zwrot lub anulowanie)",
      rejected: "Odrzucone",
    },
    reason: {
      same_customer: "znajomy to sam polecający",
      same_email: "ten sam e-mail co polecający",
      same_address: "wysyłka na adres polecającego",
      not_first_order: "to nie pierwsze zamówienie znajomego",
      weekly_limit: "osiągnięto limit tygodniowy",
      ip_volume: "wiele linków z jednego adresu IP w tym tygodniu",
      order_refunded: "zamówienie zwrócone",
      order_cancelled: "zamówienie anulowane",
      staff: "odrzucone przez personel",
    },
  },
  pageTitles: {
    analyticsDefinitions: "Definicje analityki",
    member: "Uczestnik",
    reward: "Nagroda",
  },
  common: {
    save: "Zapisz",
    saving: "Zapisywanie…",
    cancel: "Anuluj",
    discard: "Odrzuć zmiany",
    remove: "Usuń",
    add: "Dodaj",
    enabled: "Wł.",
    disabled: "Wył.",
    fixErrors: "Niektóre pola wymagają poprawy; zobacz komunikaty pod nimi.",
    unknownError: "Coś poszło nie tak. Odśwież stronę i spróbuj ponownie.",
  },
  validation: {
    number: "Wpisz liczbę, używając tylko cyfr (bez przecinków i spacji)",
    wholeNumber: "Wpisz liczbę całkowitą",
    text: "Wpisz tekst",
    yesNo: "Wybierz tak lub nie",
    list: "Wybierz co najmniej jedną opcję",
    required: "To pole jest wymagane",
    choose: (options: string[]) =>
      options.length <= 6
        ? `Wybierz jedną z opcji: ${options.join(", ")}`
        : "Wybierz jedną z opcji",
    atLeast: (minimum: number | bigint, inclusive: boolean) =>
      inclusive
        ? `Wpisz ${number(Number(minimum))} lub więcej`
        : `Wpisz więcej niż ${number(Number(minimum))}`,
    atMost: (maximum: number | bigint, inclusive: boolean) =>
      inclusive
        ? `Wpisz ${number(Number(maximum))} lub mniej`
        : `Wpisz mniej niż ${number(Number(maximum))}`,
    textAtLeast: (minimum: number | bigint) =>
      Number(minimum) <= 1
        ? "To pole jest wymagane"
        : `Wpisz co najmniej ${count(Number(minimum), { one: "znak", few: "znaki", many: "znaków" })}`,
    textAtMost: (maximum: number | bigint) =>
      `Maksymalnie ${count(Number(maximum), { one: "znak", few: "znaki", many: "znaków" })}`,
    listAtLeast: (minimum: number | bigint) => `Wybierz co najmniej ${number(Number(minimum))}`,
    listAtMost: (maximum: number | bigint) => `Można wybrać najwyżej ${number(Number(maximum))}`,
    format: "Ta wartość ma nieoczekiwany format",
    invalid: "Sprawdź tę wartość",
    wholeNumberBetween: (min: number, max: number) =>
      `Wpisz liczbę całkowitą od ${number(min)} do ${number(max)}`,
    dateTime: "Wpisz datę, np. 2025-11-28",
    amountAtLeastZero: "Wpisz kwotę 0 lub większą, np. 12,50",
    amountAboveZero: "Wpisz kwotę większą od 0, np. 12,50",
    amountOrPercentAboveZero: "Wpisz kwotę większą od 0 (np. 12,50) lub procent od 1 do 100",
    tierThreshold:
      "Wpisz liczbę całkowitą punktów, 0 lub więcej (kwotę, np. 1000,00, gdy poziomy zależą od wydanej kwoty)",
    hints: {
      multiplier: " (procent: 100 = 1x, 200 = 2x)",
      pointsPerUnit: " (punkty za jednostkę wydatku w walucie sklepu)",
      spendUnit: " (jednostki waluty sklepu, za które przyznawane są punkty: 1, 100, 1000 …)",
      days: " dni",
      weeklyLimit: " (0 = bez limitu)",
      ipWeeklyHold: " poleceń z jednego adresu IP w ciągu 7 dni",
      currencyExponent: " (cyfry po przecinku w walucie sklepu)",
      everyNthOrder: " (co 1. zamówienie to każde zamówienie; użyj reguły za zakupy)",
    },
    program: {
      campaignEndsAfterStart: (name: string) =>
        `Kampania „${name}” musi się kończyć po swoim rozpoczęciu`,
      productMultiplierTwice: "Ten produkt ma już mnożnik",
      collectionMultiplierTwice: "Ta kolekcja ma już mnożnik",
      chooseCollection: "Wybierz kolekcję",
      milestoneTwice: "Inny próg już używa tej kwoty wydatków",
      percentageOff: "Rabat procentowy musi wynosić od 1 do 100",
      entryTierNeeded: "Potrzebny jest co najmniej jeden poziom (poziom startowy, próg 0)",
      entryTierAtZero:
        "Od pierwszego poziomu zaczyna każdy uczestnik, więc jego próg musi wynosić 0",
      tiersSorted: (name: string, threshold: number, lowerName: string, lowerThreshold: number) =>
        `Poziomy muszą być uporządkowane według progu: „${name}” (${threshold}) musi być wyżej niż „${lowerName}” (${lowerThreshold})`,
      tierNameTwice: "Inny poziom ma już tę nazwę",
    },
    reward: {
      title: "Nadaj nagrodzie nazwę, którą zobaczą kupujący",
      titleTooLong: "Nazwa może mieć najwyżej 120 znaków",
      kind: "Wybierz rodzaj nagrody",
      cost: "Wpisz koszt w punktach",
      costWhole: "Koszt w punktach musi być liczbą całkowitą",
      costAtLeastOne: "Koszt w punktach musi wynosić co najmniej 1",
      costTooLarge: "Koszt w punktach jest za duży",
      wholeAmount: "Wpisz całą kwotę",
      aboveZero: "Musi być większe od 0",
      variant: "Wybierz wariant produktu",
      minimumSubtotal: "Minimalna wartość zamówienia nie może być ujemna",
      tiers: "Wybierz co najmniej jeden poziom albo zezwól wszystkim poziomom",
      codeAtLeastADay: "Kody muszą być ważne co najmniej jeden dzień",
      codeAtMostAYear: "Kody mogą być ważne najwyżej rok",
      percentage: "Wpisz procent",
      amount: "Wpisz kwotę",
      percentageRange: "Procent musi wynosić od 1 do 100",
      productVariant: "Wybierz wariant produktu, który daje ta nagroda",
      amountCap: (major: number) =>
        `Nagroda może być warta najwyżej ${number(major)} w walucie sklepu`,
      unknownTier: (name: string) => `Program nie ma poziomu o nazwie „${name}”`,
    },
    adjustment: {
      points: "Wpisz liczbę punktów",
      wholePoints: "Wpisz całkowitą liczbę punktów",
      notZero: "Wpisz liczbę różną od 0 (ujemną, aby odjąć punkty)",
      atMost: (max: number) => `Jednorazowo można zmienić saldo najwyżej o ${count(max, points)}`,
      reason: "Podaj powód (co najmniej 3 znaki); zostanie zapisany w historii uczestnika",
      outOfDate: "Formularz jest nieaktualny; odśwież stronę",
    },
    reasonTooLong: (max: number) =>
      `Powód może mieć najwyżej ${count(max, { one: "znak", few: "znaki", many: "znaków" })}`,
    dismissReason: "Podaj, dlaczego ta dostawa jest odrzucana",
    tierOverrideReason: "Przypięcie do poziomu wymaga podania powodu",
    unknownTierOverride: (name: string, tiers: string[]) =>
      `Program nie ma poziomu „${name}”; poziomy: ${tiers.join(", ")}`,
  },
  errors: {
    title: "Nie można wyświetlić tej strony",
    notFound: "Nie znaleziono",
    pageNotFound: "Pod tym adresem nie ma strony.",
    status: (status: number) => `Serwer odpowiedział kodem ${status}.`,
    unexpected:
      "Tally nie może wczytać tej strony z powodu problemu po swojej stronie (na przykład baza danych nie odpowiedziała). Twoje dane się nie zmieniły. Odśwież stronę, aby spróbować ponownie; jeśli problem się powtarza, skontaktuj się z pomocą techniczną.",
    reload: "Odśwież",
    back: "Wróć do strony głównej",
    noStaffUser: "Sesja panelu nie wskazuje pracownika: otwórz Tally ponownie z panelu Shopify.",
    requestTooLarge: (kb: number) => `Żądanie jest większe niż ${number(kb)} KB.`,
    requestNotJson: "Treść żądania musi być obiektem JSON.",
    formType: "Wyślij formularz jako application/x-www-form-urlencoded lub multipart/form-data.",
    formUnreadable: "Nie udało się odczytać formularza.",
    shopNotInstalled: "Tally nie jest zainstalowane w tym sklepie.",
    unknownAction: "Nieznana czynność.",
    importNotFound: "Ten import nie istnieje.",
    badDownload: (details: string) => `Link do pobrania jest nieprawidłowy: ${details}`,
  },
  home: {
    last30Days: "Ostatnie 30 dni",
    allAnalytics: "Cała analityka",
    title: "Program lojalnościowy Tally",
    members: "Uczestnicy",
    pointsOutstanding: "Punkty do wykorzystania",
    ordersCredited: "Zaliczone zamówienia",
    yourProgram: "Twój program",
    tiers: "Poziomy",
    version: (version: number, enabled: boolean) =>
      `Wersja programu ${version}${enabled ? "" : " — wyłączony"}`,
    deadLetters: (n: number) =>
      n === 1
        ? "1 aktualizacja z Shopify wymaga Twojej uwagi: Tally nie mógł jej zastosować."
        : `${count(n, { one: "aktualizacja", few: "aktualizacje", many: "aktualizacji" })} z Shopify ${pluralForm("pl", n, { one: "wymaga", few: "wymagają", many: "wymaga" })} Twojej uwagi: Tally nie mógł ich zastosować.`,
    deadLettersAction: "Przejrzyj dostawy",
    earnSummary: (points_: number, spend: string) =>
      `Klienci dostają ${count(points_, points)} za każde wydane ${spend}.`,
    noEarning: "Zakupy nie dają punktów.",
  },
  checklist: {
    title: "Uruchom swój program",
    progress: (done: number, total: number) => `Ukończono ${done} z ${total} kroków`,
    programOn: "Włącz program",
    programOnHelp: "Klienci zbierają punkty tylko wtedy, gdy program jest włączony.",
    programOnAction: "Otwórz ustawienia programu",
    checkout: "Dodaj blok lojalnościowy do kasy",
    checkoutHelp:
      "Umieść blok Tally w edytorze kasy, aby kupujący mogli wymieniać nagrody przy płatności.",
    checkoutPlusOnly:
      "Tylko Shopify Plus: bloki kasy działają wyłącznie w sklepach Plus. W innych planach oznacz ten krok jako wykonany i użyj bloku na stronie podziękowania oraz strony Nagrody na koncie klienta: tam kupujący wymieniają punkty, a kod wpisują przy płatności.",
    checkoutAction: "Otwórz edytor kasy",
    accounts: "Dodaj blok lojalnościowy do kont klientów",
    accountsHelp:
      "Umieść blok Tally na stronie profilu konta klienta, aby kupujący widzieli swoje punkty.",
    accountsAction: "Otwórz edytor kont klientów",
    notDetectable:
      "Tally nie widzi, gdzie umieszczono jego bloki; oznacz ten krok jako wykonany po umieszczeniu bloku.",
    markDone: "Oznacz jako wykonane",
    markNotDone: "Oznacz jako niewykonane",
    testOrder: "Przyjmij pierwsze zamówienie",
    testOrderHelp: "Złóż testowe zamówienie jako klient: pojawi się tutaj, gdy Tally je zaliczy.",
    done: "Wykonane",
    notDone: "Do zrobienia",
  },
  program: {
    title: "Ustawienia programu",
    versionLabel: (version: number) => `Wersja ${version}`,
    saved: (version: number) => `Program zapisany jako wersja ${version}`,
    unchanged: "Nic się nie zmieniło, więc nie zapisano nowej wersji",
    tiersApplied: (count_: number) =>
      `${count(count_, members)} ${count_ === 1 ? "przeszedł" : "przeszło"} na poziom, który osiągają teraz ich punkty`,
    tierRun: {
      title: "Uczestnicy a nowe poziomy",
      queued:
        "Nowe poziomy są zapisane. Uczestnicy, którzy osiągają teraz wyższy poziom, zostaną na niego przeniesieni za chwilę.",
      progress: (checked: number, total: number | null, upgraded: number) =>
        `Sprawdzono ${number(checked)}${total === null ? "" : ` z ${number(total)}`} uczestników, awansowało: ${number(upgraded)}`,
      done: (checked: number, upgraded: number) =>
        `Gotowe: sprawdzono ${number(checked)} uczestników, na osiągnięty poziom awansowało: ${number(upgraded)}.`,
      failed:
        "Sprawdzanie uczestników według nowych poziomów zatrzymał błąd. Awansuje ich cogodzinna ponowna ocena poziomów.",
      progressLabel: "Sprawdzeni uczestnicy",
    },
    stale: (version: number) =>
      `Ktoś zapisał wersję ${version}, gdy edytowałeś(-aś) ustawienia. Odśwież stronę, aby ją zobaczyć; Twoje zmiany nie zostały zapisane.`,
    general: "Ogólne",
    enabled: "Program jest włączony",
    enabledHelp:
      "Gdy program jest wyłączony, zamówienia nie dają punktów, a kupujący nie mogą wymieniać nagród.",
    name: "Nazwa programu",
    pointsName: "Nazwa punktów",
    pointsNameHelp: "W liczbie mnogiej, tak jak widzą ją kupujący: punkty, gwiazdki, monety.",
    purchase: "Punkty za zakupy",
    purchaseEnabled: "Zakupy dają punkty",
    pointsPerUnit: "Przyznawane punkty",
    spendUnit: (currency: string) => `Za każde wydane … ${currency}`,
    spendUnitHelp: (currency: string) =>
      `1 oznacza punkty za każde 1 ${currency}; dla waluty o małych jednostkach wpisz 100 lub 1000 (1 punkt za 100 JPY).`,
    minimumSubtotal: (currency: string) => `Minimalna wartość zamówienia (${currency})`,
    minimumSubtotalHelp: "Zostaw puste, jeśli nie ma minimum.",
    productMultipliers: "Mnożniki produktów",
    collectionMultipliers: "Mnożniki kolekcji",
    productId: "ID produktu",
    collectionId: "ID kolekcji",
    multiplier: "Mnożnik (%)",
    multiplierHelp: "100 = ×1, 200 = ×2",
    addProductMultiplier: "Dodaj mnożnik produktu",
    addCollectionMultiplier: "Dodaj mnożnik kolekcji",
    collection: "Kolekcja",
    chooseCollection: "Wybierz kolekcję",
    collectionOption: (title: string, products: number) => `${title} (produkty: ${products})`,
    collectionGoneOption: (id: string) => `Kolekcja ${id} (nie ma jej już w Shopify)`,
    collectionGone:
      "Tej kolekcji nie ma już w Shopify, więc ten mnożnik nie działa na nic. Usuń go albo wybierz inną kolekcję.",
    collectionsHelp:
      "Produkt z kilku kolekcji dostaje najwyższy mnożnik, który go dotyczy (także mnożnik produktu).",
    collectionsSynced: (at: string) =>
      `Przynależność do kolekcji zsynchronizowano z Shopify ${at}.`,
    collectionsNeverSynced: "Przynależności do kolekcji nie zsynchronizowano jeszcze z Shopify.",
    collectionsSyncing: "Synchronizacja przynależności do kolekcji z Shopify…",
    collectionsSyncFailed: (reason: string) =>
      `Ostatnia synchronizacja przynależności do kolekcji nie powiodła się: ${reason}`,
    syncCollections: "Synchronizuj kolekcje teraz",
    collectionsSyncRequested: "Rozpoczęto synchronizację kolekcji",
    campaigns: "Kampanie",
    campaignName: "Nazwa kampanii",
    startsAt: "Początek (UTC)",
    endsAt: "Koniec (UTC)",
    addCampaign: "Dodaj kampanię",
    bonuses: "Premie",
    signup: "Założenie konta",
    accountActivation: "Pierwsze logowanie",
    birthday: "Urodziny",
    accountActivationHelp:
      "Przyznawana raz, gdy zalogowany klient po raz pierwszy otworzy stronę Nagrody (lub użyje punktów przy płatności).",
    birthdayHelp:
      "Przyznawana raz w roku w dniu urodzin, które klient podał na stronie Nagrody, w strefie czasowej sklepu.",
    referrals: {
      title: "Poleć znajomego",
      enabled: "Program poleceń",
      enabledHelp:
        "Każdy uczestnik dostaje link do udostępnienia. Znajomy, który go otworzy, otrzymuje jednorazowy kod rabatowy; uczestnik dostaje punkty, gdy pierwsze zamówienie znajomego minie okres zwrotu (dni oczekiwania). Polecenie samego siebie, powracający klienci i polecający ponad limit tygodniowy nic nie dostają.",
      friendDiscountKind: "Rabat dla znajomego",
      fixedAmount: "Kwota rabatu",
      percentage: "Rabat procentowy",
      friendAmount: (currency: string) => `Kwota rabatu (${currency})`,
      friendPercent: "Rabat procentowy",
      friendCodeDays: "Ważność kodu znajomego (dni)",
      advocatePoints: "Punkty dla uczestnika",
      advocatePointsHelp: "Przyznawane, gdy pierwsze zamówienie znajomego minie dni oczekiwania.",
      advocateWeeklyLimit: "Nagradzane polecenia na uczestnika tygodniowo",
      advocateWeeklyLimitHelp: "0 = bez limitu. Polecenia ponad limit są odrzucane.",
      ipWeeklyHold: "Wstrzymaj do sprawdzenia po … linkach z jednego IP w tygodniu",
      ipWeeklyHoldHelp:
        "Polecenie z bardziej obciążonego adresu czeka na Twoje zatwierdzenie na stronie uczestnika.",
    },
    firstOrder: "Pierwsze zamówienie",
    everyNthOrder: "Co N-te zamówienie",
    every: "Co … zamówień",
    points: "Punkty",
    spendMilestones: "Progi łącznych wydatków",
    lifetimeSpend: (currency: string) => `Łączne wydatki (${currency})`,
    addMilestone: "Dodaj próg",
    tiers: "Poziomy VIP",
    tierBasis: "Poziomy osiąga się dzięki",
    basisPoints: "Zdobytym punktom",
    basisSpend: "Wydanej kwocie",
    tierPeriod: "Liczone za okres",
    periodLifetime: "Cały czas",
    periodTrailing: "Ostatnie 12 miesięcy",
    periodCalendar: "Rok kalendarzowy",
    tierName: "Nazwa poziomu",
    threshold: "Próg",
    addTier: "Dodaj poziom",
    pointsLife: "Okres oczekiwania i wygasanie",
    pendingDays: "Dni, zanim zdobyte punkty można wydać",
    expiry: "Punkty wygasają",
    expiryNone: "Nigdy",
    expiryAfterEarning: "Po określonej liczbie dni od zdobycia",
    expiryAfterInactivity: "Po określonej liczbie dni bez aktywności",
    expiryDays: "Dni",
    preview: "Podgląd",
    previewAmount: (currency: string) => `Wartość zamówienia (${currency})`,
    previewSentence: (amount: string, points_: number, pointsName: string) =>
      `Zamówienie za ${amount} — ${pointsName}: ${number(points_)}`,
    previewTier: (tier: string, points_: number, pointsName: string) =>
      `Poziom ${tier} — ${pointsName}: ${number(points_)}`,
    previewCampaign: (name: string) => `Uwzględnia trwającą kampanię „${name}”.`,
    previewInvalid: "Podgląd pojawi się, gdy ustawienia będą poprawne.",
    previewBonusesNote:
      "Premie (pierwsze zamówienie, co N-te zamówienie, progi wydatków) są przyznawane dodatkowo.",
    simulate: "Symuluj na ostatnich 90 dniach",
    simulation: "Co zrobiłaby ta zmiana",
    simulationIntro:
      "Odtwarza zamówienia z ostatnich 90 dni przy tych ustawieniach, zanim je zapiszesz.",
    simulationOrders: (orders_: number, truncated: boolean) =>
      `Odtworzono ${count(orders_, orders)}${truncated ? " (tylko najnowsze)" : ""}`,
    simulationPoints: (before: number, after: number) =>
      `Przyznane punkty: ${number(before)} → ${number(after)}`,
    simulationLiability: (amount: string) => `Zmiana zobowiązań: ${amount}`,
    simulationNoLiability:
      "Zobowiązania: brak nagrody kwotowej ani kredytu sklepowego, według których można wycenić punkty.",
    simulationTiers: (up: number, down: number) =>
      `Uczestnicy zmieniający poziom: ${number(up)} w górę, ${number(down)} w dół`,
    validation: "Ustawienia programu",
  },
  rewards: {
    title: "Nagrody",
    resource: { singular: "nagroda", plural: "nagrody" },
    add: "Dodaj nagrodę",
    empty: "Nie ma jeszcze nagród",
    emptyHelp:
      "Nagrody to to, co można kupić za punkty: kwota lub procent rabatu, darmowa wysyłka, darmowy produkt lub kredyt sklepowy.",
    cost: (points_: number) => count(points_, points),
    kind: {
      fixed_amount: "Kwota rabatu na zamówienie",
      percentage: "Rabat procentowy na zamówienie",
      free_shipping: "Darmowa wysyłka",
      free_product: "Darmowy produkt",
      store_credit: "Kredyt sklepowy",
    },
    off: "Wył.",
    newTitle: "Nowa nagroda",
    editTitle: "Edytuj nagrodę",
    saved: "Nagroda zapisana",
    deleted: "Nagroda usunięta",
    disabledInstead: "Nagroda była już wymieniana, więc zamiast usunięcia została wyłączona.",
    delete: "Usuń nagrodę",
    confirmDeleteTitle: (title: string) => `Usunąć „${title}”?`,
    confirmDelete:
      "Uczestnicy nie będą mogli jej już wymienić. Wydane kody działają do swojej daty ważności. Nagroda, która była już wymieniana, zostaje wyłączona, aby zachować jej historię.",
    valuePerPoint: (perPoint: string, currency: string, returnPercent: number | null) =>
      `1 punkt ≈ ${perPoint} ${currency}` +
      (returnPercent === null
        ? "; program nie przyznaje punktów za zakupy, więc nie ma zwrotu z wydatków do porównania."
        : `; ta nagroda zwraca ${returnPercent.toLocaleString("pl", { maximumFractionDigits: returnPercent < 1 ? 2 : 1 })}% wydatków, za które zdobywa się jej punkty.`),
    generous: (percent: number) =>
      `Ta nagroda zwraca ponad ${percent}% tego, co klient wydaje, aby ją zdobyć. Sprawdź kwotę i koszt w punktach.`,
    stingy: (percent: number) =>
      `Ta nagroda zwraca mniej niż ${percent}% tego, co klient wydaje, aby ją zdobyć, więc punkty są warte bardzo niewiele. Sprawdź kwotę i koszt w punktach.`,
    notFound: "Ta nagroda nie istnieje w tym sklepie.",
    fields: {
      title: "Nazwa widoczna dla kupujących",
      kind: "Typ",
      cost: "Koszt w punktach",
      valueAmount: (currency: string) => `Kwota (${currency})`,
      valuePercent: "Rabat procentowy",
      variantId: "ID wariantu produktu (gid://shopify/ProductVariant/…)",
      minimumSubtotal: (currency: string) => `Minimalna wartość zamówienia (${currency})`,
      tierNames: "Tylko dla poziomów",
      tierNamesHelp: "Nie zaznaczaj żadnego, aby oferować nagrodę wszystkim poziomom.",
      codeLifetimeDays: "Ważność kodu (dni)",
      combinesWith: "Łączy się z",
      orderDiscounts: "Rabatami na zamówienie",
      productDiscounts: "Rabatami na produkty",
      shippingDiscounts: "Rabatami na wysyłkę",
      enabled: "Oferowana kupującym",
    },
  },
  analytics: {
    title: "Analityka",
    updated: (when: string, timeZone: string) => `Zaktualizowano ${when} (${timeZone})`,
    lastDays: (days: number) =>
      `Ostatnie ${count(days, { one: "dzień", few: "dni", many: "dni" })}`,
    definitionLink: "Wzór i źródło",
    definitionsTitle: "Jak liczona jest analityka",
    formula: "Wzór",
    source: "Standard",
    departure: "Czym Tally się od niego różni",
    joined: (count_: string) => `Dołączyło do programu: ${count_}`,
    participants: (count_: string, members_: string) => `Uczestnicy: ${count_} z ${members_}`,
    openCodes: (count_: string, points_: string) =>
      `W tym niewykorzystane kody nagród: ${count_} (${points_} pkt)`,
    breakage: (rate: string) => `Niewykorzystanie punktów według historii sklepu: ${rate}`,
    noBreakage:
      "Żaden punkt nie został jeszcze wymieniony ani nie wygasł: brak historii do oszacowania niewykorzystania.",
    downloadKpis: "Wskaźniki (CSV)",
    downloadDaily: "Dane dzienne (CSV)",
    downloadMembers: "Uczestnicy (CSV)",
    downloadLedger: "Historia punktów (CSV)",
    downloadFailed: (label: string) => `${label} (błąd, spróbuj ponownie)`,
    participating: (count_: string) =>
      `Aktywni uczestnicy (zatrzymali wymienioną nagrodę): ${count_}; to „uczestnicy” porównywani poniżej`,
    pointValue: (money: string, points_: string, reward: string) =>
      `${money} za ${points_} pkt (${reward})`,
    noPointValue:
      "Brak nagrody kwotowej ani kredytu sklepowego, według których można wycenić punkty.",
    rewardOrders: (orders_: string, share: string) => `Zamówienia: ${orders_}, ${share} przychodu`,
    referralCohort: (completed: string, issued: string) =>
      `${completed} z ${issued} kodów dla znajomych wydanych w tym okresie`,
    referralsCompleted: (count_: string) => `Zrealizowane w tym okresie: ${count_}`,
    chartAlt: (title: string, weekly: boolean) =>
      `Wykres: ${title}, ${weekly ? "tygodniowo" : "dziennie"}. Dane są w dziennym pliku CSV.`,
    members: "Wymieniający",
    nonMembers: "Pozostali",
    chartPoints: "Punkty",
    chartRevenue: (currency: string) => `Przychód (${currency})`,
    seriesIssued: "Przyznane",
    seriesRedeemed: "Wymienione",
    seriesExpired: "Wygasłe",
    seriesMembers: "Wymieniający",
    seriesNonMembers: "Pozostali",
    seriesWithReward: "Z nagrodą",
    weekOf: (day: string) => `Tydzień od ${day}`,
    empty: "Nie ma jeszcze aktywności w programie",
    emptyHelp:
      "Dane i wykresy pojawią się tutaj, gdy klienci dołączą, a zamówienia zostaną zaliczone. Możesz też zaimportować uczestników i wcześniejsze zamówienia.",
    emptyAction: "Importuj uczestników i wcześniejsze zamówienia",
    computing: "Trwa obliczanie danych Twojego programu",
    computingHelp:
      "Tally po raz pierwszy podsumowuje uczestników, zamówienia i punkty tego sklepu. W dużym sklepie trwa to kilka minut; odśwież stronę za chwilę.",
    computingDownload: "Dane są obliczane po raz pierwszy; spróbuj ponownie za kilka minut.",
    notes: (timeZone: string) =>
      `Dni to dni sklepu (${timeZone}). Jeden kalendarz: przychód z zamówienia, jego punkty i ich cofnięcie przez zwrot lub anulowanie liczą się w dniu złożenia zamówienia; wymiany, wygasanie, premie, importy i korekty personelu w dniu ich zapisania. Dane pochodzą z własnych zestawień Tally, odświeżanych co minutę.`,
  },
  engagement: {
    title: "Zaangażowanie",
    save: "Zapisz",
    saved: "Ustawienia zaangażowania zapisane",
    notSaved: "Ustawienia nie zostały zapisane",
    notJson: "Formularz nie został wysłany jako JSON.",
    stale:
      "Ktoś zapisał ustawienia zaangażowania, gdy je edytowałeś(-aś). Odśwież stronę, aby zobaczyć jego zmiany; Twoje nie zostały zapisane.",
    descriptionHelp:
      "Widoczny dla klientów. Jeśli zostawisz proponowany tekst, zmieni się razem z progiem.",
    removeBadge: "Usuń odznakę",
    removeBadgeTitle: (name: string) => `Usunąć odznakę „${name}”?`,
    removeBadgeHelp: "Po zapisaniu Shopify Flow nie będzie mógł jej już przyznawać.",
    badges: "Odznaki",
    badgesHelp:
      "Przyznawane raz na klienta, gdy zamówienie spełni warunek, opcjonalnie z punktami premiowymi. Widoczne na stronie Nagrody na koncie klienta.",
    newBadge: "Nowa odznaka",
    badgeName: "Nazwa",
    bonusPoints: "Punkty premiowe",
    orderNumber: "Numer zamówienia",
    bigOrder: (currency: string) => `Zamówienie o wartości co najmniej (${currency})`,
    lifetimeSpend: (currency: string) => `Łączne wydatki (${currency})`,
    tier: "Poziom",
    description: "Opis widoczny dla klientów",
    customBadgeHelp: (id: string) =>
      `Przyznawana przez akcję Flow „Award loyalty badge” z identyfikatorem odznaki ${id}`,
    addCustomBadge: "Dodaj własną odznakę",
    leaderboard: "Ranking",
    leaderboardHelp:
      "Co miesiąc najlepsi uczestnicy według zdobytych punktów. Klienci pojawiają się dopiero po wyrażeniu zgody, z imieniem i inicjałem nazwiska; nikt nie widzi swojego miejsca, jeśli o to nie poprosi.",
    leaderboardEnabled: "Oferuj ranking",
    journeys: "Ścieżki powitalne",
    journeysHelp:
      "Każdy krok uruchamia się raz na klienta jako wyzwalacz Flow „Loyalty journey step due”; e-mail lub SMS przygotuj w Shopify Flow.",
    badgeRule: {
      firstOrder: "Złożył(a) pierwsze zamówienie",
      nthOrder: (n: number) => `Złożył(a) ${count(n, orders)}`,
      bigOrder: (amount: string) => `Jedno zamówienie za ${amount} lub więcej`,
      lifetimeSpend: (amount: string) => `Wydał(a) łącznie ${amount}`,
      tierReached: (tier: string) => `Osiągnął(-ęła) poziom ${tier}`,
    },
    defaultBadgeNames: {
      "first-order": "Pierwsze zamówienie",
      "fifth-order": "Stały klient",
      "big-order": "Duży koszyk",
      gold: "Złoty uczestnik",
      "spend-1000": "Hojny klient",
    } as Record<string, string>,
    journeyPurposes: {
      "first-order-14d": "przydatne treści o tym, co kupił(a)",
      "first-order-21d": "zaproszenie do założenia konta (opcjonalnie punkty premiowe)",
      "first-order-28d": "przedstawienie programu lojalnościowego",
    } as Record<string, string>,
    journeyStep: (days: number, purpose: string) =>
      `${count(days, { one: "dzień", few: "dni", many: "dni" })} po pierwszym zamówieniu: ${purpose}`,
    flow: "Wyzwalacze Shopify Flow",
    flowHelp:
      "Wysyłaj te zdarzenia do Shopify Flow. Włącz tylko te, których używają Twoje przepływy pracy.",
    triggers: {
      points_earned: "Zdobyto punkty lojalnościowe",
      reward_redeemed: "Wymieniono nagrodę lojalnościową",
      tier_changed: "Zmienił się poziom lojalnościowy",
      points_expiring: "Punkty lojalnościowe wkrótce wygasną",
      badge_earned: "Zdobyto odznakę lojalnościową",
      birthday: "Urodziny klienta",
      referral_completed: "Polecenie zakończone",
    },
    flowAlwaysOn: "Akcja Flow „Award loyalty points” jest zawsze dostępna.",
  },
  import: {
    title: "Import uczestników i wcześniejszych zamówień",
    intro:
      "Prześlij plik CSV z saldami i poziomami (eksport uczestników z Tally; plik punktów, plik poziomów VIP lub eksport klientów ze Smile.io; eksport klientów z LoyaltyLion) albo z historią punktów (eksport historii z Tally). Najpierw zobaczysz, co zrobi plik; nic się nie zmieni, dopóki go nie zastosujesz. Plik podaje saldo każdego klienta z jego aplikacji: ponowny import lub ten sam klient pod innym kluczem niczego nie dodaje. Każdy klient jest najpierw sprawdzany w Shopify.",
    fileHolds: "Plik zawiera",
    kindBalances: "Salda i poziomy",
    kindHistory: "Historię punktów",
    kinds: { balances: "salda", history: "historia" },
    chooseKind: "Wybierz, co zawiera plik",
    file: "Plik CSV",
    fileHint: "Akceptuje .csv",
    chooseFile: "Wybierz plik CSV do importu",
    encoding: "Kodowanie tekstu",
    encodings: {
      "utf-8": "UTF-8",
      "windows-1252": "Windows-1252 (zachodnioeuropejskie, Latin-1)",
      "windows-1250": "Windows-1250 (środkowoeuropejskie: polski, czeski…)",
      "windows-1251": "Windows-1251 (cyrylica: rosyjski, ukraiński…)",
      "utf-16le": "UTF-16 (Excel „Tekst Unicode”)",
    },
    delimiter: "Separator kolumn",
    automatic: "Wykryj automatycznie",
    delimiters: { ",": "Przecinek (,)", ";": "Średnik (;)", "\t": "Tabulator" },
    tooLarge: "Plik jest większy niż 512 MB: podziel go na kilka plików.",
    unknownRequest: "Nieznane żądanie",
    submit: "Podgląd importu",
    apply: "Zastosuj import",
    discard: "Odrzuć",
    previewTitle: "Co zrobi ten plik",
    previewHelp:
      "Nic się jeszcze nie zmieniło. Sprawdź liczby i odrzucone wiersze, a potem zastosuj.",
    summary: (summary: {
      membersMatched: number;
      newMembers: number;
      pointsAdded: number;
      pointsRemoved: number;
      tierChanges: number;
    }) =>
      `Dopasowani uczestnicy: ${number(summary.membersMatched)}, nowi uczestnicy: ${number(summary.newMembers)}, dodane punkty: ${number(summary.pointsAdded)}, odjęte punkty: ${number(summary.pointsRemoved)}, zmiany poziomu: ${number(summary.tierChanges)}`,
    pointsByTier: (tier: string, points_: number) => `${tier}: ${count(points_, points)}`,
    customersExportedAt: (when: string) =>
      `Klientów nowych dla Tally dopasowano do klientów sklepu wyeksportowanych z Shopify ${when}; nie ma tam klientów utworzonych w Shopify później.`,
    birthdaysSet: (count_: number) =>
      `Ustawione urodziny: ${number(count_)} (uczestnicy, którzy ich nie mieli; już ustawione urodziny zostają)`,
    readAs: (encoding: string, delimiter: string) =>
      `Odczytano jako ${encoding}, separator kolumn: ${delimiter}.`,
    ignoredColumns: (columns: string) => `Pominięte kolumny: ${columns}`,
    pastOrders: "Wcześniejsze zamówienia",
    pastOrdersHelp:
      "Pobierz zamówienia z ostatnich 12 miesięcy z Shopify (operacja zbiorcza), aby poziomy i analityka je uwzględniały. Zamówienia, które Tally już ma, nigdy nie są zaliczane dwa razy. Wcześniejsze zamówienia dają punkty tylko wtedy, gdy zaznaczysz pole.",
    awardPoints: "Wcześniejsze zamówienia dają punkty",
    backfillLine: (date: string, withPoints: boolean, progress: string) =>
      `${date}${withPoints ? " (z punktami)" : ""}: ${progress}`,
    backfillProgress: {
      waiting: "Czekamy, aż Shopify rozpocznie eksport…",
      exporting: (n: number) =>
        n > 0
          ? `Shopify przygotowuje eksport: na razie ${count(n, orders)}…`
          : "Shopify przygotowuje eksport…",
      applying: (applied: number, total: number) =>
        total > 0
          ? `Stosowanie zamówień: ${number(applied)} z ${number(total)}`
          : `Stosowanie zamówień: ${number(applied)}`,
      done: (applied: number) => `Gotowe: zastosowano ${count(applied, orders)}`,
      failed: (applied: number, failure: string | null) =>
        `Błąd po zastosowaniu ${count(applied, ordersGenitive)}${failure ? `: ${failure}` : ""}`,
    },
    backfill: "Pobierz zamówienia",
    retryBackfill: (withPoints: boolean) =>
      `Ponów pobieranie (${withPoints ? "wcześniejsze zamówienia dają punkty" : "wcześniejsze zamówienia nie dają punktów"})`,
    noPreviewToApply: "Nie ma pliku z podglądu do zastosowania: prześlij plik ponownie.",
    previewFileGone:
      "Pliku z podglądu nie ma już na tym serwerze (aplikację uruchomiono ponownie albo podgląd obsłużyła inna instancja): prześlij go ponownie.",
    previewBeingApplied: "Ten podgląd jest już stosowany.",
    notMultipart: "Wyślij plik CSV formularzem przesyłania (multipart/form-data).",
    tooManyParts: "Przesłane dane mają więcej części niż plik CSV i jego opis.",
    oneFileAtATime: "Przesyłaj jeden plik naraz.",
    uploadUnreadable:
      "Nie udało się odczytać przesłanych danych: wyślij jeden plik CSV i to, co zawiera.",
    backfillNotFound: "To pobieranie nie istnieje albo nie zakończyło się błędem.",
    history: "Importy",
    importTitle: (file: string, kind: string, format: string | null) =>
      `${file} (${kind}${format ? `, format ${format}` : ""})`,
    rows: (read: string, imported: string, skipped: string, nothing: string, failed: string) =>
      `Odczytane wiersze: ${read}; zaimportowane: ${imported}, już istniejące: ${skipped}, bez danych do importu: ${nothing}, odrzucone: ${failed}`,
    previewRows: (
      read: string,
      imported: string,
      skipped: string,
      nothing: string,
      failed: string,
    ) =>
      `Odczytane wiersze: ${read}; do importu: ${imported}, już istniejące: ${skipped}, bez danych do importu: ${nothing}, odrzucone: ${failed}`,
    rejectedRows: "Odrzucone wiersze (CSV)",
    firstRejected: "Pierwsze odrzucone wiersze",
    rejectedRow: (row: number, reason: string) => `Wiersz ${number(row)}: ${reason}`,
    status: {
      running: "w toku",
      done: "zakończony",
      failed: "błąd",
      pending: "oczekuje",
      previewed: "podgląd — niezastosowany",
      applied: "podgląd — zastosowany",
      discarded: "podgląd — odrzucony",
    },
    mapHelp:
      "Tally nie rozpoznał kolumn tego pliku. Wybierz, która kolumna co zawiera, i ponów podgląd (plik został zachowany).",
    fields: {
      shopifyCustomerId: "ID klienta Shopify",
      email: "E-mail",
      points: "Saldo punktów",
      tier: "Poziom",
      firstName: "Imię",
      lastName: "Nazwisko",
      createdAt: "Data (historia)",
    },
    notInFile: "— brak w pliku —",
    previewMapped: "Podgląd z tymi kolumnami",
    newer: "Nowsze importy",
    older: "Starsze importy",
    empty: "Nie ma jeszcze importów",
    emptyHelp: "Importowane pliki pojawią się tutaj wraz z postępem i odrzuconymi wierszami.",
  },
  jobs: {
    title: "Zadania w tle",
    labels: {
      "collection-sync": "Synchronizacja kolekcji (mnożniki kolekcji)",
      "collection-membership": "Zmiany kolekcji z Shopify",
      "metafield-push": "Synchronizacja metapól i tagów",
      "redemption-release": "Zwalnianie niewykorzystanych kodów nagród",
      "pending-maturation": "Punkty oczekujące stają się dostępne",
      "point-expiry": "Wygasanie punktów i powiadomienia o zbliżającym się wygaśnięciu",
      "tier-reevaluation": "Ponowna ocena poziomów",
      "tier-upgrades": "Awanse uczestników po zmianie poziomów",
      "ledger-verify": "Weryfikacja historii punktów",
      "flow-trigger-push": "Zdarzenia wysłane do Shopify Flow",
      journeys: "Kroki ścieżek powitalnych",
      "analytics-rollups": "Odświeżanie danych analitycznych",
      "order-backfill": "Pobieranie wcześniejszych zamówień",
      "stale-reservations": "Rozstrzyganie niedokończonych wymian",
      "stale-imports": "Oznaczanie przerwanych importów CSV jako nieudanych",
      "order-reconciliation": "Sprawdzanie zamówień w Shopify (pominięte webhooki)",
      "currency-check": "Sprawdzanie waluty sklepu dla wstrzymanych zamówień",
      birthdays: "Premie urodzinowe i urodzinowe zdarzenia Flow",
      referrals: "Nagrody za polecenia po okresie zwrotu",
    },
    reconciliation: "Zamówienia sprawdzone w Shopify",
    reconciliationHelp:
      "Shopify nie gwarantuje, że każdy webhook dotrze. Tally porównuje z Shopify zamówienia zaktualizowane od ostatniego sprawdzenia i stosuje to, co pominął.",
    reconciledUntil: (when: string) => `Sprawdzono każde zamówienie zaktualizowane przed ${when}.`,
    notReconciledYet: "Żadne sprawdzenie jeszcze się nie zakończyło.",
    reconciliationCounts: (inProgress: boolean, checked: string, applied: string, failed: string) =>
      `${inProgress ? "Sprawdzanie w toku" : "Ostatnie sprawdzenie"}: sprawdzone zamówienia: ${checked}, zastosowane: ${applied}${failed !== "0" ? `, niemożliwe do zastosowania: ${failed}` : ""}.`,
    reconciliationFailure: (orderId: string, reason: string) => `Zamówienie ${orderId}: ${reason}`,
    headings: ["Zadanie", "Co", "Ostatnie uruchomienie", "Status", "Wynik", "Błędy"],
    seconds: (n: number) => `${n} s`,
    minutes: (n: number) => `${n} min`,
    hours: (n: number) => `${n} godz.`,
    utc: (when: string) => `${when} UTC`,
    notYet: "Jeszcze nie",
    waiting: "Oczekuje",
    ok: "OK",
    failed: "Błąd",
    none: "Brak",
    failures: (count_: number, last: string) => `${count_} (ostatni ${last})`,
    lastErrors: "Ostatnie błędy",
    empty: "Żadne zadanie jeszcze się nie wykonało",
    emptyHelp:
      "Zadania w tle Tally działają według harmonogramu, gdy aplikacja jest uruchomiona; poniżej pojawi się ostatnie uruchomienie każdego z nich i jego wynik.",
  },
  deadLetters: {
    title: "Dostawy wymagające uwagi",
    help: "Shopify wysłał te aktualizacje, ale Tally nie mógł ich zastosować. Nic nie zostało za nie zaliczone ani zmienione. „Ponów” uruchamia dostawę ponownie w dzisiejszym Tally (nigdy nie stosuje jej dwa razy); „Zamknij” zamyka ją z podanym przez Ciebie powodem.",
    more: (shown: number, open: number) => `Pokazano najnowsze ${shown} z ${number(open)}.`,
    received: (when: string) => `Odebrano ${when}`,
    attempts: (n: number) => count(n, { one: "próba", few: "próby", many: "prób" }),
    order: (id: string) => `Zamówienie ${id}`,
    customer: (id: string) => `Klient ${id}`,
    details: "Szczegóły",
    replay: "Ponów",
    dismiss: "Zamknij",
    dismissReason: "Dlaczego ją zamykasz?",
    dismissConfirm: "Zamknij dostawę",
    gone: "Ta dostawa nie czeka już na Twoją decyzję",
    replayed: "Dostawa zastosowana",
    dismissed: "Dostawa zamknięta",
    stillFailing: (reason: string) => `Nadal niezastosowana: ${reason}`,
    topics: {
      "orders/paid": "Zamówienie opłacone",
      "orders/updated": "Zamówienie zaktualizowane",
      "orders/cancelled": "Zamówienie anulowane",
      "refunds/create": "Zwrot",
      "customers/create": "Nowy klient",
      "app/uninstalled": "Aplikacja odinstalowana",
      "customers/data_request": "Prośba klienta o dane",
      "customers/redact": "Prośba o usunięcie danych klienta",
      "shop/redact": "Prośba o usunięcie danych sklepu",
    },
    reasons: {
      CURRENCY_MISMATCH:
        "Kwoty są w innej walucie niż waluta sklepu, więc nie przyznano punktów. Jeśli zmieniłeś(-aś) walutę sklepu, Tally uwzględni ją w ciągu minuty od zauważenia zmiany.",
      INVALID_PAYLOAD:
        "W danych z Shopify brakowało czegoś, czego Tally potrzebuje, albo była w nich wartość, której nie może użyć.",
      INVALID_JSON: "Nie udało się odczytać dostawy.",
      WRONG_TOPIC: "Shopify wysłał to pod niewłaściwy adres aplikacji.",
      REFUSED: "Tally odmówił zastosowania (na przykład saldo przekroczyłoby limit).",
      HANDLER_ERROR: "Zatrzymał ją nieoczekiwany błąd w Tally; nic nie zostało zmienione.",
      UNKNOWN_TOPIC: "Tally nie obsługuje już tego rodzaju aktualizacji.",
    },
    otherReason: "Tally nie mógł jej zastosować.",
    detailTexts: {
      wrongTopic: (v: { expected: string; received: string }) =>
        `Ten adres aplikacji przyjmuje ${v.expected}, a nie ${v.received}`,
      invalidJson: () => "Treść powiadomienia nie jest poprawnym JSON-em",
      invalidPayload: (v: { issues: string }) =>
        `Pola danych Shopify, których Tally nie może użyć (opis techniczny po angielsku): ${v.issues}`,
      currencyMismatch: (v: { what: "order" | "refund"; received: string; shopCurrency: string }) =>
        `Kwoty ${v.what === "order" ? "zamówienia" : "zwrotu"} są w ${v.received}, a waluta sklepu to ${v.shopCurrency}`,
      unknownTopic: (v: { topic: string }) => `Tally nie obsługuje ${v.topic}`,
    },
    technicalDetails: "Szczegóły techniczne (po angielsku)",
  },
  members: {
    title: "Uczestnicy",
    resource: { singular: "uczestnik", plural: "uczestnicy" },
    search: "Szukaj po e-mailu lub imieniu i nazwisku",
    searchPlaceholder: "Zaczyna się od…",
    invalidCursor:
      "Link do strony jest nieprawidłowy lub nieaktualny; zacznij od pierwszej strony.",
    nulCharacter: "Wyszukiwanie i poziom nie mogą zawierać znaku NUL.",
    searchTooLong: (max: number) =>
      `Wyszukuj, używając najwyżej ${number(max)} znaków: wystarczy początek adresu e-mail lub imienia.`,
    tier: "Poziom",
    allTiers: "Wszystkie poziomy",
    sort: "Sortuj według",
    sortBalance: "Saldo",
    sortLifetime: "Punkty łącznie",
    apply: "Szukaj",
    empty: "Nie ma jeszcze uczestników",
    emptyHelp: "Klienci stają się uczestnikami, gdy założą konto lub złożą zamówienie.",
    noMatch: "Brak pasujących uczestników",
    noMatchHelp:
      "Wpisz początek adresu e-mail, imię i nazwisko („zofia mül”) lub samo nazwisko. Akcenty i wielkość liter nie mają znaczenia.",
    total: (n: number, atLeast: boolean) =>
      atLeast
        ? `Ponad ${count(n, { one: "uczestnika", few: "uczestników", many: "uczestników" })}`
        : count(n, members),
    totalOfSearch: (n: number, atLeast: boolean) =>
      atLeast
        ? `${number(n)}+ trafień w rankingu`
        : count(n, { one: "trafienie", few: "trafienia", many: "trafień" }),
    searchTruncated: (limit: number) =>
      `Pasuje wielu uczestników: uszeregowano tu pierwsze ${number(limit)} trafień z każdego pola (alfabetycznie). Wpisz więcej znaków e-maila lub nazwiska, aby zawęzić wyszukiwanie.`,
    name: "Imię i nazwisko",
    email: "E-mail",
    balance: "Saldo",
    lifetime: "Punkty łącznie",
    orders: "Zamówienia",
    loading: "Wczytywanie uczestników",
    firstPage: "Pierwsza strona",
    previousPage: "Poprzednia strona",
    nextPage: "Następna strona",
    unnamed: "(bez nazwy)",
  },
  member: {
    balance: "Saldo",
    pending: "Oczekujące",
    lifetime: "Punkty łącznie",
    orders: "Zamówienia",
    tier: "Poziom",
    nextTier: (remaining: number, name: string) => `${number(remaining)} do poziomu ${name}`,
    topTier: "Najwyższy poziom",
    tierOverride: "Ręczny poziom",
    tierOverrideHelp:
      "Przypnij tego uczestnika do poziomu (gość VIP, rekompensata). Dopóki jest przypięty, zbiera punkty z mnożnikiem tego poziomu, a ani awanse, ani ponowna ocena go nie przenoszą.",
    tierOverrideNone: "Bez ręcznego poziomu (poziom, który osiąga)",
    tierOverrideCurrent: (tier: string) => `Przypięty przez personel do poziomu ${tier}.`,
    tierOverrideTier: "Poziom",
    tierOverrideReason: "Powód (zapisywany w historii poziomów)",
    tierOverrideSubmit: "Zapisz poziom",
    tierOverridden: (tier: string, pinned: boolean) =>
      pinned ? `Przypięto do poziomu ${tier}` : `Usunięto ręczny poziom; poziom to ${tier}`,
    tierOverrideUnchanged: "Nie ma nic do zmiany.",
    adjust: "Koryguj punkty",
    adjustPoints: "Punkty (ujemne, aby odjąć)",
    adjustReason: "Powód (zapisywany w historii uczestnika)",
    adjustSubmit: "Koryguj",
    adjusted: (points_: number) =>
      `${points_ > 0 ? "Dodano" : "Odjęto"} ${count(Math.abs(points_), points)}`,
    adjustDuplicate: "Ta korekta została już zapisana.",
    insufficient: (balance: number) => `Uczestnik ma tylko ${count(balance, points)} do odjęcia.`,
    overLimit: `Saldo uczestnika przekroczyłoby ${number(MAX_MEMBER_POINTS)} punktów, czyli najwięcej, ile może mieć jeden uczestnik.`,
    conflict: "Ten formularz został już użyty do innej korekty; odśwież stronę.",
    ledger: "Historia punktów",
    ledgerEmpty: "Nie ma jeszcze ruchów punktów.",
    olderEntries: "Starsze wpisy",
    newestEntries: "Najnowsze wpisy",
    date: "Data",
    what: "Co się stało",
    points: "Punkty",
    openInShopify: "Otwórz w Shopify",
    redemptions: "Wymiany",
    tierHistory: "Historia poziomów",
    tierMove: "Zmiana",
    tierReason: "Powód",
    tierMoved: (from: string | null, to: string) => `${from ?? "—"} → ${to}`,
    redemptionsEmpty: "Nie wymieniono jeszcze żadnej nagrody.",
    reward: "Nagroda",
    code: "Kod",
    status: "Status",
    expiresOn: (status: string, day: string) => `${status} (wygasa ${day})`,
    recentOrders: "Ostatnie zamówienia",
    explain: "Wyjaśnij",
    explainOrder: (order: string) => `Wyjaśnij zamówienie ${order}`,
    explanation: (name: string) => `Dlaczego ${name} dało tyle punktów`,
    programVersion: (version: number | null) =>
      version === null ? "Nie dało punktów" : `Punkty według wersji programu ${version}`,
    redacted: "Dane osobowe tego klienta zostały usunięte na jego prośbę.",
    notFound: "Ten uczestnik nie istnieje w tym sklepie.",
    tierOverrideReasonMissing: "Podaj powód (zapisywany w historii poziomów)",
    tierOverrideReasonTooLong: "Maksymalnie 500 znaków",
  },
  kpis: {
    members: {
      label: "Uczestnicy",
      definition:
        "Klienci zapisani teraz do programu (Tally zapisuje każdego klienta, którego zna Shopify).",
      formula: "Liczba zapisanych klientów, teraz.",
      source: "Liczba uczestników programu lojalnościowego.",
      departure:
        "Zapis jest automatyczny, więc uczestnikami są wszyscy rozpoznani klienci, nie tylko ci, którzy się zapisali.",
    },
    newMembers: {
      label: "Nowi uczestnicy",
      definition:
        "Uczestnicy, których konto klienta założono w Shopify w tym okresie. Uczestnicy zapisani, zanim Tally przechowywał tę datę, liczą się według daty zapisu.",
      formula:
        "Liczba uczestników z datą założenia konta w Shopify w okresie (data zapisu, gdy jej brak).",
      source: "Nowi klienci: pierwszy raz widziani (konto założone) w okresie.",
      departure:
        "Uczestnicy zapisani przez Tally, zanim przechowywał datę założenia konta w Shopify, liczą się według daty zapisu, więc tuż po aktualizacji dawna baza klientów może nadal wyglądać na nową.",
    },
    joinedMembers: {
      label: "Dołączyli do programu",
      definition:
        "Uczestnicy zapisani przez Tally w tym okresie (po instalacji lub pobraniu wcześniejszych zamówień obejmuje to klientów, których Shopify zna od lat).",
      formula: "Liczba uczestników z datą zapisu w okresie.",
      source: "Zapisy do programu w okresie.",
    },
    participatingMembers: {
      label: "Aktywni uczestnicy",
      definition:
        "Uczestnicy z co najmniej jedną wymianą, której punkty nie wróciły (niezwolnioną, niewygasłą). To oni są „uczestnikami” w każdym porównaniu uczestników z pozostałymi.",
      formula: "Liczba uczestników z zatrzymaną wymianą, kiedykolwiek.",
      source: "Aktywni wymieniający.",
      departure:
        "Tally zapisuje każdego klienta, więc porównanie zapisanych z niezapisanymi porównywałoby wszystkich z gośćmi; wymieniający to klienci, do których program naprawdę dotarł.",
    },
    participationRate: {
      label: "Wskaźnik aktywności",
      definition:
        "Uczestnicy, którzy w tym okresie zdobyli punkty własnym działaniem (zamówienie, premia) lub wymienili zatrzymaną nagrodę ÷ wszyscy obecni uczestnicy.",
      formula: "Aktywni w okresie ÷ obecni uczestnicy × 100.",
      source:
        "Wskaźnik aktywności w programie lojalnościowym: uczestnicy aktywni w okresie ÷ uczestnicy.",
      departure:
        "Korekty personelu i importy nie są działaniem uczestnika i się nie liczą; nie liczy się też wymiana, której punkty wróciły (zwolniona, wygasła niewykorzystana).",
    },
    pointsIssued: {
      label: "Przyznane punkty",
      definition:
        "Punkty zdobyte w tym okresie, pomniejszone o cofnięcia (zwroty, anulowania), plus punkty zaimportowane lub dodane przez personel (tylko dodatnie). Punkty zamówienia i ich cofnięcia liczą się w dniu złożenia zamówienia.",
      formula:
        "Σ zdobyte + Σ cofnięte (zamówienia w dniu zamówienia, pozostałe w dniu zapisu) + Σ dodatnie korekty i importy, w okresie.",
      source: "Przyznane punkty (raportowanie zobowiązań programu lojalnościowego).",
      departure:
        "Cofnięcia liczą się w dniu zamówienia, by punkty i przychód miały jeden kalendarz; późny zwrot zmienia więc miniony okres.",
    },
    pointsRedeemed: {
      label: "Wymienione punkty",
      definition:
        "Punkty wydane na nagrody w tym okresie, pomniejszone o punkty zwrócone za kody, które wygasły niewykorzystane lub zostały zwolnione.",
      formula: "−(Σ wymienione + Σ zwolnione) zapisane w okresie.",
      source: "Wymienione punkty.",
    },
    pointsExpired: {
      label: "Wygasłe punkty",
      definition: "Punkty usunięte w tym okresie zgodnie z zasadami wygasania programu.",
      formula: "−Σ wygasłe zapisane w okresie.",
      source: "Wygasłe punkty (zrealizowane niewykorzystanie).",
    },
    pointsOutstanding: {
      label: "Punkty do wykorzystania",
      definition: "Suma obecnych sald wszystkich uczestników (wszystkie wpisy historii punktów).",
      formula: "Σ wszystkich wpisów w historii punktów, teraz.",
      source: "Saldo punktów do wykorzystania.",
    },
    liability: {
      label: "Zobowiązania z tytułu punktów",
      definition:
        "(Punkty do wykorzystania + punkty w wydanych, niewykorzystanych kodach nagród) × wartość jednego punktu w włączonej nagrodzie kwotowej lub kredycie sklepowym, która daje najwięcej za punkt (najwięcej, ile punkty mogą Cię kosztować). Niewidoczne bez takiej nagrody.",
      formula:
        "(punkty do wykorzystania + punkty w otwartych kodach) × wartość punktu, zaokrąglone w dół, teraz.",
      source:
        "Zobowiązanie z tytułu punktów lojalnościowych (przychód przyszłych okresów przed niewykorzystaniem).",
      departure:
        "Wartość punktu to najhojniejsza nagroda o stałej kwocie, a nie średnia z wymian, więc zobowiązanie nigdy nie jest zaniżone.",
    },
    estimatedLiability: {
      label: "Szacowane zobowiązania po niewykorzystaniu",
      definition:
        "Zobowiązania pomniejszone o oczekiwane niewykorzystanie: udział punktów, które zniknęły z sald przez wygaśnięcie zamiast wymiany, w całej historii sklepu. Niewidoczne, zanim jakikolwiek punkt zostanie wymieniony lub wygaśnie.",
      formula:
        "zobowiązanie × (1 − niewykorzystanie), niewykorzystanie = wygasłe ÷ (wygasłe + wymienione) punkty, od początku.",
      source:
        "MSSF 15 (B46): oczekiwane niewykorzystanie ujmowane proporcjonalnie do wzorca wykonywania praw.",
      departure:
        "Szacunek wyłącznie na podstawie historii tego sklepu; nowy program lub program bez wygasania pokazuje małe niewykorzystanie albo żadne. To nie jest porada księgowa.",
    },
    redemptionRate: {
      label: "Wskaźnik wymiany",
      definition: "Wymienione punkty ÷ przyznane punkty w tym okresie.",
      formula: "Wymienione punkty ÷ przyznane punkty, ten sam okres × 100.",
      source: "Wskaźnik wymiany punktów lojalnościowych.",
    },
    repeatRate: {
      label: "Wskaźnik ponownych zakupów",
      definition:
        "Klienci z co najmniej dwoma zamówieniami w tym okresie ÷ klienci z zamówieniem w tym okresie. Liczą się zamówienia opłacone, nieanulowane i niezwrócone w całości.",
      formula: "Klienci z ≥ 2 zamówieniami w okresie ÷ klienci z ≥ 1 zamówieniem w okresie × 100.",
      source: "Wskaźnik powtórnych zakupów (analityka e-commerce).",
      departure: "Zamówień gości nie da się powiązać ze sobą, więc są pominięte.",
    },
    retention: {
      label: "Wskaźnik utrzymania klientów (CRR)",
      definition:
        "((E − N) ÷ S): klienci, którzy zamawiali przed okresem i zamówili ponownie w jego trakcie ÷ klienci, którzy zamawiali przed okresem.",
      formula:
        "((E − N) ÷ S) × 100; S = klienci na początku, E = klienci na końcu, N = nowi klienci w okresie.",
      source:
        "Wskaźnik utrzymania klientów, CRR = ((E − N) ÷ S) × 100, jak w literaturze o programach lojalnościowych.",
      departure:
        "Sklep „ma” klienta od jego pierwszego zamówienia; E liczy tych, którzy zamówili w okresie (brak zamówienia oznacza utratę), bo klienci Shopify nigdy nie odchodzą wprost.",
    },
    aov: {
      label: "Średnia wartość zamówienia",
      definition:
        "Przychód ÷ zamówienia złożone w tym okresie; liczą się zamówienia opłacone, nieanulowane i niezwrócone w całości. Pozostali obejmują zamówienia gości. Przychód to wartość zamówienia po rabatach i zwrotach, bez wysyłki, podatków, napiwków i kart podarunkowych, w walucie sklepu.",
      formula: "Σ sum częściowych netto ÷ liczba liczonych zamówień złożonych w okresie.",
      source: "Średnia wartość zamówienia.",
      departure:
        "Po odliczeniu zwrotów (zwrot obniża wartość zamówienia w dniu zamówienia); wysyłka i podatki są pominięte, tak jak przy zdobywaniu punktów.",
    },
    clv: {
      label: "Wartość klienta w czasie (CLV)",
      definition:
        "Łączny przychód od klientów, którzy złożyli zamówienie ÷ ich liczba (bez zamówień gości: nie da się ich rozróżnić).",
      formula: "Σ przychodu netto od początku ÷ klienci z liczonym zamówieniem, teraz.",
      source: "Historyczna wartość klienta w czasie (CLV).",
      departure: "Historyczna (co klienci wydali), a nie prognoza; bez uwzględnienia marży.",
    },
    rewardRevenue: {
      label: "Przychód z zamówień z nagrodą",
      definition:
        "Przychód z zamówień złożonych w tym okresie z kodem nagrody Tally i jego udział w całym przychodzie.",
      formula: "Σ sum częściowych netto liczonych zamówień z kodem nagrody, w okresie.",
      source: "Przychód przypisany nagrodom.",
    },
    referralsMade: {
      label: "Polecenia",
      definition:
        "Kody dla znajomych wydane w tym okresie: za każdym razem, gdy link polecający uczestnika został otwarty i dał znajomemu nowy kod rabatowy.",
      formula:
        "Liczba poleceń (wydanych kodów dla znajomych) utworzonych w okresie; link otwarty ponownie z tego samego adresu używa tego samego kodu i nie liczy się drugi raz.",
      source:
        "Program poleceń: wysłane polecenia (udostępnione linki, które dotarły do znajomego).",
      departure:
        "Link udostępniony, ale nigdy nieotwarty, jest niewidoczny dla każdej aplikacji, więc Tally liczy kody dla znajomych wydane przez swoje linki.",
    },
    referralsCompleted: {
      label: "Zrealizowane polecenia",
      definition:
        "Polecenia, w których pierwsze zamówienie znajomego minęło w tym okresie okres zwrotu, więc uczestnik dostał nagrodę.",
      formula:
        "Liczba poleceń ze statusem „nagrodzone” i datą zakończenia w okresie (cofnięte, odrzucone i wstrzymane nigdy się nie liczą).",
      source: "Program poleceń: udane polecenia (nagrodzone).",
    },
    referredRevenue: {
      label: "Przychód z poleceń",
      definition:
        "Przychód netto z pierwszych zamówień poleconych znajomych, których polecenie zrealizowano w tym okresie.",
      formula:
        "Σ sum częściowych netto (po zwrotach, przed podatkiem i wysyłką) zamówień z poleceń zakończonych w okresie.",
      source:
        "Program poleceń: przychód z poleceń (przychód z pierwszych zakupów poleconych klientów).",
      departure:
        "Liczony, gdy polecenie się kończy (po okresie na zwrot), a nie gdy zamówienie jest składane, więc zwrócone zamówienie nigdy się nie liczy.",
    },
    referralConversion: {
      label: "Konwersja poleceń",
      definition:
        "Jaka część kodów dla znajomych wydanych w tym okresie ma już zrealizowane polecenie.",
      formula:
        "Polecenia utworzone w okresie, które są teraz nagrodzone ÷ polecenia (kody dla znajomych) utworzone w okresie × 100.",
      source: "Współczynnik konwersji poleceń: udane polecenia ÷ wysłane polecenia.",
      departure:
        "Kohorta kodów z okresu, więc najnowszy okres rośnie, gdy ich zamówienia mijają okres na zwrot.",
    },
  },
  explain: {
    notEarned: {
      guest_order: "Zamówienie gościa: nie ma konta klienta, któremu można przyznać punkty.",
      not_paid: "Zamówienie nie jest jeszcze opłacone; punkty zostaną przyznane po opłaceniu.",
      cancelled: "Zamówienie anulowano, więc jego punkty cofnięto.",
      fully_refunded: "Wszystko, za co przyznano punkty, zostało zwrócone.",
      below_minimum_subtotal:
        "Zamówienie nie osiąga minimalnej wartości, od której przyznawane są punkty za zakupy.",
      purchase_rule_disabled: "W programie zakupy nie dają punktów.",
      zero_earn_base:
        "Nic w zamówieniu nie daje punktów (wysyłka, podatki, napiwki i karty podarunkowe nigdy ich nie dają).",
      order_points_capped: (max: number) =>
        `Reguły dały więcej, niż może zdobyć jedno zamówienie; zamówienie zdobyło ${count(max, points)}.`,
    },
    purchaseRate: (points_: string, spendUnit: number, currency: string, base: string) =>
      `${points_} pkt za każde ${number(spendUnit)} ${currency} z ${base}`,
    productMultipliers: (multipliers: string) => `mnożniki produktów ${multipliers}`,
    collectionMultipliers: (multipliers: string) => `mnożniki kolekcji ${multipliers}`,
    campaign: (name: string, multiplier: string) => `kampania „${name}” ${multiplier}`,
    tier: (name: string, multiplier: string) => `poziom ${name} ${multiplier}`,
    purchase: (parts: string, points_: number) =>
      `Zakup: ${parts}, po zaokrągleniu w dół = ${count(points_, points)}.`,
    firstOrder: (points_: number) => `Premia za pierwsze zamówienie: ${count(points_, points)}.`,
    everyNthOrder: (ordinal: number, every: number, points_: number) =>
      `Zamówienie nr ${number(ordinal)} (co ${number(every)}. zamówienie): ${count(points_, points)}.`,
    milestone: (milestone: string, points_: number) =>
      `Łączne wydatki przekroczyły ${milestone}: ${count(points_, points)}.`,
  },
  ledger: {
    orderPaid: (order: string) => `Zamówienie ${order} opłacone`,
    pointsEarned: "Zdobyte punkty",
    orderReversed: (order: string) => `Zamówienie ${order} zwrócone lub anulowane`,
    reversed: (reason: string) => `Cofnięte: ${reason}`,
    pointsReversed: "Punkty cofnięte",
    redeemed: (reward: string | null) => `Wymieniono: ${reward ?? "nagrodę"}`,
    returned: "Zwrócone: kod nagrody nie został użyty",
    expired: "Punkty wygasły",
    adjusted: (reason: string | null, staffId: string | null) =>
      `Korekta personelu: ${reason ?? "bez podanego powodu"}${staffId ? ` (personel ${staffId})` : ""}`,
    imported: (reason: string) => `Zaimportowano: ${reason}`,
    importedPrevious: "Zaimportowano z poprzedniej aplikacji lojalnościowej",
    order: (order: string) => `zamówienie ${order}`,
    bonus: {
      signupBonus: "Premia za założenie konta",
      firstLoginBonus: "Premia za pierwsze logowanie",
      birthdayBonus: "Premia urodzinowa",
      welcomeBonus: "Premia powitalna",
      referralBonus: "Premia za polecenie",
    },
    badge: (badge: string) => `Odznaka: ${badge}`,
    takenBack: (code: string, order: string) =>
      `Punkty cofnięte, bo zwolniony kod nagrody ${code} użyto w zamówieniu ${order}`,
    redemptionStatus: {
      reserved: "W trakcie wydawania",
      issued: "Kod wydany, jeszcze nieużyty",
      used: "Użyty",
      released: "Nieużyty: punkty zwrócone",
      expired: "Wygasł",
      failed: "Błąd: punkty zwrócone",
    },
  },
  importProblems: {
    extraCells: (v: { cells: number; width: number; delimiter: string }) =>
      `Wiersz ma ${v.cells} komórek, a nagłówek ${v.width}: czy w wartości jest „${v.delimiter}” (punkty jak 1${v.delimiter}5)? Ujmij wartość w cudzysłów albo zapisz punkty jako liczby całkowite bez separatorów.`,
    notShopifyId: (v: { id: string }) =>
      `Identyfikator klienta „${v.id}” nie jest identyfikatorem klienta Shopify (same cyfry).`,
    notEmail: (v: { email: string }) => `„${v.email}” nie jest adresem e-mail.`,
    noCustomer: () =>
      "Brak identyfikatora klienta i adresu e-mail: wiersza nie można przypisać do klienta.",
    pointsMissing: () => "Brak punktów.",
    pointsAmbiguousComma: (v: { raw: string; delimiter: string }) =>
      `Punkty „${v.raw}” są niejednoznaczne: w pliku rozdzielanym „${v.delimiter}” przecinek oznacza część dziesiętną. Zapisz liczby całkowite bez separatorów (52620).`,
    pointsAmbiguousPoint: (v: { raw: string }) =>
      `Punkty „${v.raw}” są niejednoznaczne: w pliku rozdzielanym przecinkami kropka oznacza część dziesiętną. Zapisz liczby całkowite bez separatorów (52620).`,
    pointsNotWhole: (v: { raw: string }) => `Punkty „${v.raw}” muszą być liczbą całkowitą.`,
    pointsBeyondLimit: (v: { points: number; limit: number }) =>
      `Punkty ${number(v.points)} przekraczają limit ${number(v.limit)}.`,
    negativeBalance: () => "Saldo nie może być ujemne.",
    notIsoDate: (v: { raw: string }) =>
      `Data „${v.raw}” nie jest datą ISO (2025-06-01 lub 2025-06-01T10:00:00Z).`,
    dateMissing: () => "Brak daty created_at wpisu.",
    birthdayUnreadable: (v: { raw: string }) =>
      `Tally nie odczytuje daty urodzin „${v.raw}”: zapisz 1990-05-27, 05-27 lub --05-27 (rok-miesiąc-dzień; rok jest pomijany).`,
    birthdayNotReal: (v: { raw: string; month: number; day: number }) =>
      `Data urodzin „${v.raw}” nie jest prawdziwym dniem (miesiąc ${v.month}, dzień ${v.day}).`,
    unknownTier: (v: { tier: string; tiers: string[] }) =>
      `Poziom „${v.tier}” nie jest jednym z poziomów programu (${v.tiers.join(", ")}).`,
    memberOverflow: (v: { points: number; figure: "balance" | "lifetime"; limit: number }) =>
      `Te punkty (${number(v.points)}) podniosłyby ${v.figure === "balance" ? "saldo" : "punkty zdobyte łącznie"} uczestnika ponad ${number(v.limit)}, najwięcej, ile może mieć jeden uczestnik; wiersz nie został zastosowany.`,
    notAskable: (v: { id: string }) =>
      `Klient o identyfikatorze ${v.id} nie jest jeszcze uczestnikiem Tally, a Shopify nie mógł zostać o niego zapytany; otwórz import z poziomu aplikacji, aby klienci zostali sprawdzeni w Shopify.`,
    idNotInShopify: (v: { id: string; exportedAt: string | null }) =>
      `Żaden klient Shopify nie ma identyfikatora ${v.id}${exportedAsOf(v.exportedAt)}: sprawdź identyfikator (literówka albo identyfikator z poprzedniej aplikacji?). Nic dla niego nie utworzono.`,
    emailTwiceInTally: (v: { email: string }) =>
      `Więcej niż jeden klient ma adres e-mail ${v.email}; dodaj jego identyfikator klienta Shopify.`,
    emailTwiceInShopify: (v: { email: string }) =>
      `Więcej niż jeden klient Shopify ma adres e-mail ${v.email}; dodaj jego identyfikator klienta Shopify.`,
    emailNotInShopify: (v: { email: string; exportedAt: string | null }) =>
      `Ani w Shopify, ani w Tally nie ma klienta z adresem e-mail ${v.email}${exportedAsOf(v.exportedAt)}; dodaj jego identyfikator klienta Shopify albo najpierw utwórz klienta w Shopify.`,
    emailUnknown: (v: { email: string }) =>
      `Tally nie zna jeszcze klienta z adresem e-mail ${v.email}; dodaj jego identyfikator klienta Shopify albo najpierw uruchom import zamówień.`,
    importedBefore: (v: { before: number; points: number }) =>
      `Ten wpis zaimportowano już z wcześniejszego pliku (${number(v.before)} pkt); punkty z tego wiersza (${number(v.points)}) nie zostały zastosowane.`,
    duplicateCustomer: (v: { first: number }) =>
      `Duplikat: ten klient jest już w wierszu ${number(v.first)} pliku; plik sald zawiera jeden wiersz na klienta i użyto tylko pierwszego.`,
    duplicateEntry: (v: { first: number }) =>
      `Duplikat: wiersz ${number(v.first)} pliku to ten sam wpis; użyto tylko pierwszego.`,
    notApplied: () => "Wiersz nie został zastosowany.",
  },
  importFailures: {
    empty: () => "Plik jest pusty.",
    excelWorkbook: () =>
      "To nie jest plik CSV: wygląda na skoroszyt Excela (lub inne archiwum). W Excelu wybierz Plik › Zapisz jako › „CSV UTF-8 (rozdzielany przecinkami)”, a potem prześlij ten plik.",
    notCsv: (v: { kind: "png" | "jpeg" | "gif" | "pdf" | "gzip" }) =>
      `To nie jest plik CSV: to ${{ png: "obraz PNG", jpeg: "obraz JPEG", gif: "obraz GIF", pdf: "dokument PDF", gzip: "archiwum gzip" }[v.kind] ?? "plik innego rodzaju"}.`,
    binary: () => "To nie jest plik CSV: zawiera dane binarne.",
    notUtf8: (v: { offset: number }) =>
      `Plik nie jest poprawnym tekstem UTF-8 (po bajcie ${number(v.offset)}): prawdopodobnie zapisano go w kodowaniu regionalnym. Wybierz kodowanie pliku albo zapisz go z arkusza jako „CSV UTF-8”.`,
    mappedColumnMissing: (v: { name: string; field: string }) =>
      `Plik nie ma kolumny „${v.name}” (wybranej jako „${pl.import.fields[v.field] ?? v.field}”).`,
    customerColumnMissing: () =>
      "Plik potrzebuje kolumny klienta: shopify_customer_id (lub merchant_id) albo email.",
    customerColumnIsSourceId: (v: { column: string }) =>
      `Plik potrzebuje kolumny klienta: shopify_customer_id (lub merchant_id) albo email. Kolumna „${v.column}” jest traktowana jako identyfikator klienta z poprzedniej aplikacji, nie z Shopify: jeśli zawiera identyfikatory klientów Shopify, przypisz ją do pola „${pl.import.fields.shopifyCustomerId}”.`,
    birthdayHalf: () =>
      "Data urodzin zapisana w dwóch kolumnach wymaga obu: birthday.month i birthday.day.",
    balancesColumnsMissing: () =>
      "Plik potrzebuje kolumny punktów (points, points_balance lub points_approved), kolumny poziomu (vip_tier lub tier) albo kolumny daty urodzin (birthday lub date_of_birth).",
    historyPointsMissing: () => "Plik historii potrzebuje kolumny punktów.",
    historyDateMissing: () => "Plik historii potrzebuje kolumny created_at (data każdego wpisu).",
    noHeader: () => "Plik jest pusty: potrzebny jest wiersz nagłówka i co najmniej jeden wiersz.",
    noRows: () => "Plik ma wiersz nagłówka, ale nie ma wierszy do importu.",
    everyRowRejected: (v: { dryRun: boolean }) =>
      `Wszystkie wiersze zostały odrzucone: nic ${v.dryRun ? "nie zostałoby zaimportowane" : "nie zostało zaimportowane"}. Pobierz odrzucone wiersze, aby zobaczyć dlaczego.`,
    sessionGone: () =>
      "Sesja Shopify sklepu wygasła (aplikację odinstalowano?): klientów nowych dla Tally nie można sprawdzić w Shopify. Otwórz aplikację ponownie, a potem prześlij ten sam plik jeszcze raz, aby wznowić import.",
    shopifyDidNotAnswer: (v: { detail: string }) =>
      `Shopify nie odpowiedział na wyszukiwanie klientów (${v.detail}). Prześlij ten sam plik ponownie, aby wznowić: wiersze już zaimportowane nie zostaną zaimportowane drugi raz.`,
    exportBusyHere: () =>
      "Inny import wciąż eksportuje klientów tego sklepu z Shopify; prześlij plik ponownie za kilka minut.",
    exportSlotBusy: () =>
      "Shopify jest zajęty innym eksportem tego sklepu (pobieraniem zamówień?), więc nie udało się wyeksportować klientów sklepu; prześlij plik ponownie, gdy się zakończy.",
    exportRefused: (v: { detail: string }) =>
      `Shopify odmówił eksportu klientów sklepu: ${v.detail}.`,
    exportEnded: (v: { operationStatus: string | null; errorCode: string | null }) =>
      v.operationStatus
        ? `Eksport klientów sklepu z Shopify zakończył się ze stanem ${v.operationStatus}${v.errorCode ? ` (${v.errorCode})` : ""}; prześlij plik ponownie, aby spróbować jeszcze raz.`
        : "Shopify nie zna już eksportu klientów sklepu; prześlij plik ponownie, aby spróbować jeszcze raz.",
    exportNotDownloaded: (v: { httpStatus: number }) =>
      `Nie udało się pobrać z Shopify eksportu klientów sklepu (HTTP ${v.httpStatus}); prześlij plik ponownie, aby spróbować jeszcze raz.`,
    stale: () =>
      "Import zatrzymał się: brak postępu od 10 minut (aplikację uruchomiono ponownie lub zatrzymano w trakcie czytania pliku). Prześlij ten sam plik ponownie: import zostanie wznowiony, a wiersze już zaimportowane nie zostaną zaimportowane drugi raz.",
    unreadable: (v: { detail: string }) => `Nie udało się odczytać pliku: ${v.detail}`,
  },
  backfillFailures: {
    refused: (v: { detail: string }) => `Shopify odrzucił zapytanie zbiorcze: ${v.detail}`,
    operationGone: () => "Shopify nie zna już operacji zbiorczej",
    operationEnded: (v: { operationStatus: string; errorCode: string | null }) =>
      `Operacja zbiorcza zakończyła się ze stanem ${v.operationStatus}${v.errorCode ? ` (${v.errorCode})` : ""}`,
    fileNotDownloaded: (v: { detail: string }) =>
      `Nie udało się pobrać pliku eksportu z Shopify (${v.detail})`,
    fileUnreadable: (v: { applied: number; detail: string }) =>
      `Nie udało się odczytać pliku eksportu z Shopify po zastosowaniu ${count(v.applied, ordersGenitive)} (${v.detail})`,
    accessRefused: (v: { httpStatus: number }) =>
      `Shopify odmówił Tally dostępu do sklepu (HTTP ${v.httpStatus}). Otwórz Tally z panelu Shopify, aby ponownie je autoryzować, a potem ponów.`,
    shopifyError: (v: { detail: string }) => `Shopify odpowiedział błędem: ${v.detail}`,
  },
  collectionSyncFailures: {
    refused: (v: { detail: string }) => `Shopify odmówił eksportu kolekcji: ${v.detail}`,
    operationGone: () => "Shopify nie zna już eksportu kolekcji",
    operationEnded: (v: { operationStatus: string; errorCode: string | null }) =>
      `Eksport kolekcji zakończył się ze stanem ${v.operationStatus}${v.errorCode ? ` (${v.errorCode})` : ""}`,
    fileNotDownloaded: (v: { detail: string }) =>
      `Nie udało się pobrać eksportu kolekcji z Shopify (${v.detail})`,
    accessRefused: (v: { httpStatus: number }) =>
      `Shopify odmówił Tally dostępu do sklepu (HTTP ${v.httpStatus})`,
    shopifyError: (v: { detail: string }) => `Shopify odpowiedział błędem: ${v.detail}`,
  },
  tierReasons: {
    reached: (v: { tier: string; threshold: number; basis: string; period: string }) =>
      `osiągnięto ${v.tier} (próg ${number(v.threshold)}; ${tierBasis[v.basis] ?? v.basis} ${tierPeriod[v.period] ?? v.period})`,
    overrideSet: (v: { staffId: string; reason: string }) =>
      `poziom ustawiony ręcznie przez pracownika ${v.staffId}: ${v.reason}`,
    overrideRemoved: (v: { staffId: string; reason: string; value: number; tier: string }) =>
      `ręczne ustawienie usunięte przez pracownika ${v.staffId}: ${v.reason}; ${number(v.value)} daje poziom ${v.tier}`,
    reevaluationTierGone: (v: {
      value: number;
      basis: string;
      period: string;
      gone: string;
      tier: string;
    }) => `ponowna ocena: poziom „${v.gone}” już nie istnieje; ${measure(v)} daje poziom ${v.tier}`,
    reevaluationUp: (v: {
      value: number;
      basis: string;
      period: string;
      tier: string;
      threshold: number;
    }) => `ponowna ocena: ${measure(v)} daje poziom ${v.tier} (${number(v.threshold)})`,
    reevaluationDown: (v: {
      value: number;
      basis: string;
      period: string;
      held: string;
      threshold: number;
      graceDays: number;
    }) =>
      `ponowna ocena: ${measure(v)} to mniej niż ${v.held} (${number(v.threshold)})${v.graceDays ? ` po okresie karencji (${count(v.graceDays, { one: "dzień", few: "dni", many: "dni" })})` : ""}`,
    imported: () => "zaimportowano z pliku CSV",
  },
  adminLanguage: {
    title: "Język panelu",
    help: "Język, w którym widzisz strony Tally (każdy członek personelu wybiera własny). Panel Shopify nie oferuje rosyjskiego: wybierz go tutaj.",
    label: "Język",
    followShopify: (language: string) => `Jak w panelu Shopify (teraz: ${language})`,
    saved: "Zapisano język panelu",
    invalid: "Wybierz jeden z języków z listy.",
  },
};
