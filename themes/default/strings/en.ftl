# The words handout prints on sheets, in English. Every other language's file
# (strings/<lang>.ftl, built in or in a site's theme) has every message here.
# A message may hold <b> and </b>; nothing else is markup.

## The patient's fields
field-name = Name
field-date = Date
field-therapist = Therapist
from-therapist = From your therapist:

## A condition's course
how-long = <b>How long:</b> keep doing these exercises for { $duration }.
next-visit = <b>Next visit:</b> { $visit }

## How to read the dose, once on page 1
dose-help = <b>How to read the dose:</b> <b>Repeat</b> is how many times in a row. <b>Rounds</b>: do all the repeats, rest a moment, and do them again, this many times in all. <b>Hold</b> is how long to stay still in the position. <b>Each side</b>: do it on your left, then on your right.

## One exercise
start = Start:
you-need = You need:
scan-video = Scan to watch a video
scan-online = Scan to see it online
be-careful = ⚠ Be careful:

## The end of a handout
important = Important

## The check-off log
log-title = Your exercise log
log-help = Each time you do an exercise, tick a box for that day.
log-help-twice = Where a day has more than one box, tick one box each time you do it.
log-help-pain = Under <b>Pain 0–10</b>, write how much it hurt that day: 0 is no pain, 10 is the worst pain.

## The foot of every page
phone = Phone { $phone }
page-of = Page { $page } of { $pages }

## The dose box: labels, then values
dose-hold = Hold
dose-repeat = Repeat
dose-rounds = Rounds
dose-sides = Sides
dose-rest = Rest
dose-how-often = How often
# $value is the number as written ("20–30", "1½"); $n picks the form.
seconds = { $n ->
    [one] { $value } second
   *[other] { $value } seconds
}
minutes = { $n ->
    [one] { $value } minute
   *[other] { $value } minutes
}
breaths = { $n ->
    [one] { $value } breath
   *[other] { $value } breaths
}
times = { $n ->
    [one] Once
   *[other] { $value } times
}
each-side = Each side
daily = { $n ->
    [1] Once a day
    [2] Twice a day
   *[other] { $n } times a day
}
weekly = { $n ->
    [1] Once a week
    [2] Twice a week
   *[other] { $n } times a week
}
weekly-days = { $n } days a week
every-other-day = Every other day

## Starting positions
position-supine = Lying on your back
position-prone = Lying face down
position-side-lying = Lying on your side
position-seated = Sitting
position-standing = Standing
position-kneeling = Kneeling
position-quadruped = On hands and knees

## Words the typesetter draws: figure panels, continued exercises, the log
figure-start = Start
figure-end = End
continued = { $title } (continued)
log-day = Day
log-pain = Pain 0–10
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

## Dates as people write them; date_format in site.yaml picks the order
date-day-month-year = { $day } { $month } { $year }
date-month-day-year = { $month } { $day }, { $year }
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

## A personal sheet without a title
personal-title = Your home exercises
