// Polaris ships no Russian. These are the Polaris strings Tally's pages show or announce (buttons,
// pagination, tables, file drop, loading labels); any other Polaris string falls back to English
// (docs/decisions/039). The keys mirror @shopify/polaris/locales/en.json.
export const polarisRussian = {
  Polaris: {
    ActionMenu: {
      Actions: { moreActions: "Другие действия" },
      RollupActions: { rollupButton: "Действия" },
    },
    Badge: {
      PROGRESS_LABELS: {
        incomplete: "Не выполнено",
        partiallyComplete: "Выполнено частично",
        complete: "Выполнено",
      },
      TONE_LABELS: {
        info: "Информация",
        success: "Успешно",
        warning: "Предупреждение",
        critical: "Важно",
        attention: "Внимание",
        new: "Новое",
        readOnly: "Только чтение",
        enabled: "Включено",
      },
      progressAndTone: "{toneLabel} {progressLabel}",
    },
    Banner: { dismissButton: "Закрыть уведомление" },
    Button: { spinnerAccessibilityLabel: "Загрузка" },
    Common: {
      checkbox: "флажок",
      undo: "Отменить",
      cancel: "Отмена",
      clear: "Очистить",
      close: "Закрыть",
      submit: "Отправить",
      more: "Ещё",
    },
    DataTable: {
      sortAccessibilityLabel: "сортировать {direction} по",
      navAccessibilityLabel: "Прокрутить таблицу на один столбец {direction}",
      totalsRowHeading: "Итоги",
      totalRowHeading: "Итого",
    },
    DropZone: {
      single: {
        overlayTextFile: "Отпустите файл, чтобы загрузить",
        actionTitleFile: "Добавить файл",
        actionHintFile: "или перетащите файл сюда",
        labelFile: "Загрузить файл",
      },
      errorOverlayTextFile: "Недопустимый тип файла",
    },
    IndexTable: {
      emptySearchTitle: "Ничего не найдено",
      emptySearchDescription: "Измените фильтры или поисковый запрос",
      onboardingBadgeText: "Новое",
      resourceLoadingAccessibilityLabel: "Загрузка…",
      selectAllLabel: "Выбрать все",
      selected: "Выбрано: {selectedItemsCount}",
      undo: "Отменить",
      selectAllItems: "Выбрать все ({itemsLength}+)",
      selectItem: "Выбрать",
      selectButtonText: "Выбрать",
      sortAccessibilityLabel: "сортировать {direction} по",
    },
    IndexProvider: {
      defaultItemSingular: "Элемент",
      defaultItemPlural: "Элементы",
      allItemsSelected: "Выбраны все ({itemsLength}+)",
      selected: "Выбрано: {selectedItemsCount}",
      a11yCheckboxDeselectAllSingle: "Снять выбор",
      a11yCheckboxSelectAllSingle: "Выбрать",
      a11yCheckboxDeselectAllMultiple: "Снять выбор со всех ({itemsLength})",
      a11yCheckboxSelectAllMultiple: "Выбрать все ({itemsLength})",
    },
    Page: {
      Header: {
        rollupActionsLabel: "Действия: {title}",
        pageReadyAccessibilityLabel: "{title}. Страница загружена",
      },
    },
    Pagination: { previous: "Назад", next: "Далее", pagination: "Страницы" },
    SkeletonPage: { loadingLabel: "Страница загружается" },
    TextField: {
      characterCount: "Символов: {count}",
      characterCountWithMaxLength: "Использовано символов: {count} из {limit}",
    },
    Loading: { label: "Индикатор загрузки страницы" },
  },
};
