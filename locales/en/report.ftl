# Labels of the report layout, English (British spelling).
# Numbers arrive formatted: "−34,559", "6.06%". Amounts follow the English annual reports of
# Swedish organisations: the currency code first, then k for thousands or m for millions
# ("SEK 1,579k", "SEK 12.5m"); table notes spell the unit out ("Amounts in SEK thousand").
# Dates: "31 July 2020", also in column headings, where English does not use ISO dates.
# {"\u00A0"} is a no-break space.

## Report kinds and the derived title
kind-interim = Interim report
kind-annual = Annual report
kind-activity-report = Activity report
report-title = { $kind } { $year } for { $organisation }
report-period = Period { $start } – { $end }
report-subject = { $kind } of { $board }, { $organisation }. { $period }.

## Page furniture
toc-title = Contents
page-of = Page { $page } of { $total }

## Decisions table
col-decision = Decision
col-status = Status
col-comment = Comment
status-not-started = Not started
status-ongoing = Ongoing
status-completed = Completed
status-postponed = Postponed
status-cancelled = Cancelled

## Goal table
col-council-goal = Council goal
col-board-goal = Board goal
col-indicator = Indicator
col-current = Current value
col-forecast = Forecast
col-target = Target
col-assessment = Assessment
goal-met = Met
goal-partly-met = Partly met
goal-not-met = Not met
goal-not-assessed = Not assessed
goal-legend = Key
col-trend = Trend
# Whether an indicator moved towards its target since the latest earlier outcome.
trend-better = Better
trend-unchanged = Unchanged
trend-worse = Worse
value-yes = Yes
value-no = No
# The Swedish "st" (pieces) is no unit in English: "at most 10", not "at most 10 st".
value-count = { $unit ->
    [st] { $value }
   *[other] { $value }{"\u00A0"}{ $unit }
}
amount-tkr = SEK{"\u00A0"}{ $value }k
amount-mnkr = SEK{"\u00A0"}{ $value }m
amount-kr = SEK{"\u00A0"}{ $value }
# $amount: a figure the text binds as a result (`|result`), with its unit and
# without its sign; $sign: positive (a surplus), negative (a deficit) or zero
figure-result = { $sign ->
    [negative] a deficit of { $amount }
    [zero] a balanced result
   *[positive] a surplus of { $amount }
}
target-at-most = at most { $value }
target-below = below { $value }
target-above = above { $value }
target-at-least = at least { $value }
target-increase-from = Increase from { $value }
target-decrease-from = Decrease from { $value }
target-increase = To increase
target-decrease = To decrease

## Financial tables
col-budget = Budget
col-outcome = Outcome { $date-long }
col-forecast-year = Full-year forecast
col-deviation = Deviation
# $year: the year of the period's end (budget_year, outcome_year) or the year before it
# (prior_outcome, prior_deviation)
col-budget-year = Budget { $year }
col-outcome-year = Outcome { $year }
col-prior-outcome = Outcome { $year }
col-prior-deviation = Deviation { $year }
col-income = Income
col-costs = Costs
col-net-cost = Net cost
col-allocation = Allocation
col-original-budget = Original budget
col-carried-over = Carried over
col-total-budget = Total budget
col-share = Share
row-total = Total
unit-tkr = SEK thousand
unit-mnkr = SEK million
unit-kr = SEK
money-note-income-negative = Amounts in { $unit }. Income is shown negative and costs positive. Deviation = budget − forecast; a positive deviation is favourable.
money-note-investments = Amounts in { $unit }. Deviation = budget − forecast; a positive deviation means spending below budget.
money-note-income-positive = Amounts in { $unit }. Income is shown positive and costs negative. Deviation = forecast − budget; a positive deviation is favourable.

# The note under a table that declares its own columns, made of these sentences.
# $unit: the unit-* message above
money-note-unit = Amounts in { $unit }.
money-note-sign-income-negative = Income is shown negative and costs positive.
money-note-sign-income-positive = Income is shown positive and costs negative.
money-note-sign-unsigned = Income and costs are both shown positive.
# $column: a computed column's heading; $first, $second, $terms: the headings it is computed from
money-note-difference = { $column } = { $first } − { $second }.
money-note-sum = { $column } = { $terms }.
money-note-share = { $column } = { $first } as a percentage of { $second }.

## Statements (income statement, balance sheet, cash-flow analysis) and notes
# $kind: kind-*; $organisation, $period: as in report-subject (a report without a board)
report-subject-organisation = { $kind }, { $organisation }. { $period }.
statement-col-note = Note
statement-col-unit = Unit
# $unit: the unit-* message above
statement-note-income = Amounts in { $unit }. Income is shown positive and costs negative.
statement-note-cash-flow = Amounts in { $unit }. Inflows are shown positive and outflows negative.
statement-note-dash = – means that there is nothing to report.
# $number: the note's number
note-heading = Note { $number }
note-back = Referred to from

## Charts
chart-kind-columns = Column chart
chart-kind-bars = Bar chart
chart-kind-lines = Line chart
chart-kind-stacked = Stacked column chart
chart-kind-stacked-bars = Stacked bar chart
chart-kind-goal-status = Goal attainment
chart-count-goals = Number of goals
chart-count-indicators = Number of indicators
# $what: what is counted ("Number of goals"); $total: how many; $counts: each status with its count
chart-alt-counts = { $kind }: { $title }. { $what }: { $total }; { $counts }.
# $kind: the chart's kind in words; $high and $low: the highest and lowest figure, with where
chart-alt = { $kind }: { $title }. Highest { $high } ({ $high-at }), lowest { $low } ({ $low-at }).
# A stacked chart: $parts the series' names; $high and $low the largest and smallest whole
# (a column's or bar's parts added), with where
chart-alt-stacked = { $kind }: { $title }, parts { $parts }. Largest total { $high } ({ $high-at }), smallest { $low } ({ $low-at }).
# $series: a series' name; $first and $last: its first and last figure, with where
chart-alt-series = { $series }: from { $first } to { $last }.
chart-data = The chart's figures
chart-source = Source: { $source }

## Months
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $day } { $month } { $year }
date-long-no-year = { $day } { $month }
