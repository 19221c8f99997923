# Labels of the report layout, Swedish (the default language of bokslut).
# Every fixed word the layout prints comes from here; numbers and dates arrive formatted
# (Swedish: "−34 559", "6,06 %"), so a message only places them among its words.
# The message ids are those of MESSAGE_IDS in crates/bokslut-layout/src/labels.rs; every
# locale has the same ones. {"\u00A0"} is a no-break space: it keeps a number with its unit.

## Report kinds and the derived title
kind-interim = Delårsbokslut
kind-annual = Årsbokslut
kind-activity-report = Verksamhetsberättelse
# $kind: the kind above; $year: the year; $organisation: the municipality
report-title = { $kind } { $year } för { $organisation }
# $start, $end: dates in running text
report-period = Period { $start }–{ $end }
# $kind, $board, $organisation, $period: the PDF's subject (document metadata)
report-subject = { $kind } från { $board }, { $organisation }. { $period }.

## Page furniture
toc-title = Innehållsförteckning
# $page and $total are page numbers
page-of = Sida { $page } av { $total }

## Decisions table
col-decision = Beslut
col-status = Status
col-comment = Kommentar
status-not-started = Ej påbörjad
status-ongoing = Pågår
status-completed = Genomförd
status-postponed = Vilande
status-cancelled = Avslutad

## Goal table
col-council-goal = Kommunfullmäktiges mål
col-board-goal = Nämndmål
col-indicator = Indikator
col-current = Nuvärde
col-forecast = Prognos
col-target = Målvärde
col-assessment = Bedömning
goal-met = Uppfyllt
goal-partly-met = Delvis uppfyllt
goal-not-met = Ej uppfyllt
goal-not-assessed = Ej bedömt
goal-legend = Teckenförklaring
col-trend = Trend
# Om indikatorn rört sig mot sitt mål sedan det senaste tidigare utfallet.
trend-better = Förbättrad
trend-unchanged = Oförändrad
trend-worse = Försämrad
value-yes = Ja
value-no = Nej
# $value: a formatted count; $unit: the report's own unit word ("st")
value-count = { $value }{"\u00A0"}{ $unit }
# $value: a formatted amount in the report's unit
amount-tkr = { $value }{"\u00A0"}tkr
amount-mnkr = { $value }{"\u00A0"}mnkr
amount-kr = { $value }{"\u00A0"}kr
# $amount: a figure the text binds as a result (`|result`), with its unit and
# without its sign; $sign: positive (a surplus), negative (a deficit) or zero
figure-result = { $sign ->
    [negative] ett underskott på { $amount }
    [zero] ett nollresultat
   *[positive] ett överskott på { $amount }
}
# $value: the formatted target value
target-at-most = högst { $value }
target-below = under { $value }
target-above = över { $value }
target-at-least = minst { $value }
target-increase-from = Öka från { $value }
target-decrease-from = Minska från { $value }
target-increase = Ska öka
target-decrease = Ska minska

## Financial tables
col-budget = Budget
# The date the outcome runs to: $date in ISO 8601 ("2020-07-31", customary in Swedish
# tables), $date-long as in running text ("31 juli 2020")
col-outcome = Utfall { $date }
col-forecast-year = Årsprognos
col-deviation = Avvikelse
# $year: the year of the period's end (budget_year, outcome_year) or the year before it
# (prior_outcome, prior_deviation)
col-budget-year = Budget { $year }
col-outcome-year = Utfall { $year }
col-prior-outcome = Utfall { $year }
col-prior-deviation = Avvikelse { $year }
col-income = Intäkter
col-costs = Kostnader
col-net-cost = Nettokostnad
col-allocation = Kommunbidrag
col-original-budget = Ursprunglig budget
col-carried-over = Ombudgetering
col-total-budget = Total budget
col-share = Andel
row-total = Summa
unit-tkr = tkr
unit-mnkr = mnkr
unit-kr = kr
# $unit: the unit-* message above
money-note-income-negative = Belopp i { $unit }. Intäkter anges negativt och kostnader positivt. Avvikelse = budget − prognos; positiv avvikelse är gynnsam.
money-note-investments = Belopp i { $unit }. Avvikelse = budget − prognos; positiv avvikelse innebär lägre utgift än budgeterat.
money-note-income-positive = Belopp i { $unit }. Intäkter anges positivt och kostnader negativt. Avvikelse = prognos − budget; positiv avvikelse är gynnsam.

# The note under a table that declares its own columns, made of these sentences.
# $unit: the unit-* message above
money-note-unit = Belopp i { $unit }.
money-note-sign-income-negative = Intäkter anges negativt och kostnader positivt.
money-note-sign-income-positive = Intäkter anges positivt och kostnader negativt.
money-note-sign-unsigned = Intäkter och kostnader anges positivt.
# $column: a computed column's heading; $first, $second, $terms: the headings it is computed from
money-note-difference = { $column } = { $first } − { $second }.
money-note-sum = { $column } = { $terms }.
money-note-share = { $column } = { $first } i procent av { $second }.

## Statements (resultaträkning, balansräkning, kassaflödesanalys) and notes
# $kind: kind-*; $organisation, $period: as in report-subject (a report without a board)
report-subject-organisation = { $kind }, { $organisation }. { $period }.
statement-col-note = Not
statement-col-unit = Enhet
# $unit: the unit-* message above
statement-note-income = Belopp i { $unit }. Intäkter anges positivt och kostnader negativt.
statement-note-cash-flow = Belopp i { $unit }. Inbetalningar anges positivt och utbetalningar negativt.
statement-note-dash = – betyder att det inte finns något att redovisa.
# $number: the note's number
note-heading = Not { $number }
note-back = Hänvisning från

## Diagram
chart-kind-columns = Stapeldiagram
chart-kind-bars = Liggande stapeldiagram
chart-kind-lines = Linjediagram
chart-kind-stacked = Staplat stapeldiagram
chart-kind-stacked-bars = Staplat liggande stapeldiagram
chart-kind-goal-status = Måluppfyllelse
chart-count-goals = Antal mål
chart-count-indicators = Antal mätetal
# $what: vad som räknas ("Antal mål"); $total: hur många; $counts: varje status med sitt antal
chart-alt-counts = { $kind }: { $title }. { $what }: { $total }; { $counts }.
# $kind: diagrammets slag; $high och $low: högsta och lägsta värde, med var
chart-alt = { $kind }: { $title }. Högst { $high } ({ $high-at }), lägst { $low } ({ $low-at }).
# Ett staplat diagram: $parts seriernas namn; $high och $low den största och minsta summan
# (en stapels delar adderade), med var
chart-alt-stacked = { $kind }: { $title }, delarna { $parts }. Störst summa { $high } ({ $high-at }), minst { $low } ({ $low-at }).
# $series: seriens namn; $first och $last: dess första och sista värde, med var
chart-alt-series = { $series }: från { $first } till { $last }.
chart-data = Diagrammets siffror
chart-source = Källa: { $source }

## Months, for dates in running text
month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
# $day, $month, $year
date-long = { $day } { $month } { $year }
# $day, $month: the start of a range within one year
date-long-no-year = { $day } { $month }
