# The words handout prints on sheets, in English. Every other language's file
# (strings/<lang>.ftl, built in or in a site's theme) has every message here.
# A message may hold <b> and </b>; nothing else is markup.

## The language, in its own words, for the switcher on web pages
language-name = English

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

## The site's disclaimer, when site.yaml writes none of its own
disclaimer-default = These exercises are general advice, not a diagnosis or a treatment plan made for you. Stop any exercise that causes pain, dizziness or shortness of breath, and talk to your therapist or doctor.

## Doses in a line, on web pages: "Hold 30 seconds · Repeat 10 times · Twice a day"
part-hold = Hold { $time }
part-hold-breaths = { $n ->
    [one] Hold for { $value } breath
   *[other] Hold for { $value } breaths
}
part-repeat = { $n ->
    [one] Do it once
   *[other] Repeat { $value } times
}
part-sets = { $n ->
    [one] { $n } set
   *[other] { $n } sets
}
part-rest = Rest { $time } in between
part-rest-between-sets = Rest { $time } between sets

## Kinds of exercise, body regions and equipment, as the web pages name them
kind-stretch = Stretch
kind-strengthen = Strengthen
kind-mobility = Mobility
kind-stability = Stability
kind-breathing = Breathing
region-neck = Neck
region-shoulder = Shoulder
region-elbow = Elbow
region-wrist = Wrist
region-hand = Hand
region-upper-back = Upper back
region-lower-back = Lower back
region-core = Core
region-hip = Hip
region-knee = Knee
region-ankle = Ankle
region-foot = Foot
equipment-exercise-mat = exercise mat
equipment-chair = chair
equipment-sturdy-chair = sturdy chair
equipment-wall = wall
equipment-strap = strap
equipment-towel = towel
equipment-resistance-band = resistance band
equipment-short-resistance-band = short resistance band
equipment-step = step
equipment-stairs = stairs
equipment-table = table
equipment-kitchen-counter = kitchen counter
equipment-bed = bed
equipment-pillow = pillow
equipment-cushion = cushion
equipment-exercise-ball = exercise ball
equipment-small-ball = small ball
equipment-foam-roller = foam roller
equipment-hand-weights = hand weights
equipment-ankle-weights = ankle weights
equipment-stick = stick
equipment-doorway = doorway
equipment-box = box
equipment-timer = timer

## Browsing the library
facet-regions = Body region
facet-kinds = Type of exercise
facet-positions = Starting position
facet-equipment = Equipment
heading-region = Exercises for the { $label }
heading-kind = { $label } exercises
heading-kind-stretch = Stretches
heading-kind-strengthen = Strengthening exercises
heading-position = Exercises done { $label }
heading-equipment = Exercises using: { $label }
heading-page = { $heading } (page { $page } of { $pages })
heading-letter = Exercises starting with { $letter }
heading-letter-digit = Exercises whose names start with a number
heading-letter-other = Exercises whose names start with another letter
letters-other = Other

## A drawn figure, described for people who cannot see it
figure-alt = Drawing of { $title }: a person { $start }.
figure-alt-moving = Drawing of { $title }: a person { $start }, at the start and at the end of the movement.
figure-base-standing = standing
figure-base-sitting = sitting on a chair
figure-base-long-sitting = sitting on the floor with legs straight
figure-base-cross-legged = sitting on the floor
figure-base-lying = lying on their back
figure-base-hook-lying = lying on their back with knees bent
figure-base-prone = lying face down
figure-base-prone-on-elbows = lying face down, propped on their elbows
figure-base-side-lying = lying on their side
figure-base-hands-and-knees = on hands and knees
figure-base-kneeling = kneeling
figure-base-half-kneeling = kneeling on one knee

## Web pages: on every page
skip-to-content = Skip to content
call = Call
nav-main = Main
nav-search = Search
nav-conditions = Conditions
nav-browse = Browse
nav-exercises = Exercises
languages-label = Languages
for-therapists = For therapists: make a patient's handout

## Web pages: the home page and its search
home-lead = Exercises from { $clinic } to do at home. Choose your condition to see its exercises and print a handout.
your-clinic = your clinic
find-heading = Find an exercise
search-label = Search by name or word
filter-list = Filter the list
filter-any = Any
clear-search = Clear the search
exercise-count = { $n ->
    [one] { $n } exercise
   *[other] { $n } exercises
}
handout-pdf = Handout (PDF)
browse-heading = Browse exercises
all-exercises-heading = All exercises, A to Z
letters-label = Exercises A to Z
search-more = Show { $n } more
search-none = No exercises match. Try fewer letters, or clear the filters.
search-found = { $n ->
    [one] { $n } exercise found
   *[other] { $n } exercises found
}

## Web pages: an exercise
print-exercise = Print this exercise (PDF)
print-page = Print this page
watch-video = Watch a video
how-to = How to do it
how-much = How much
be-careful-heading = Be careful
about-exercise = About this exercise
fact-position = Position:
fact-type = Type:
fact-helps = Helps:
part-of-programs = Part of these programs
own-dose-in-program = (with its own dose: { $dose })

## Web pages: a condition
download-handout = Download the handout (PDF)
large-print-pdf = Large print (PDF)
print = Print
on-this-page = On this page
your-exercises = Your exercises
own-dose-note = This is the dose for this program. On its own, this exercise is done: { $dose }.
note-label = Note:

## Web pages: listings, and pages for addresses that changed
more-pages = More pages
previous-page = Previous page
next-page = Next page
browse-all = Browse all exercises
not-found = Page not found
not-found-lead = We could not find that page. It may have moved.
go-to-library = Go to the exercise library
or-call = , or call us on { $phone }
moved-to = This page has moved to
removed-title = No longer in the library
removed-heading = { $kind ->
    [exercise] This exercise is no longer in our library
    [condition] This condition is no longer in our library
   *[other] This page is no longer in our library
}
removed-lead = Please ask your clinic before you do it again
removed-call = : call us on

## What a page without a summary of its own says about itself to search engines
page-description = { $title } from { $clinic }.

## How long to keep going: "keep doing these exercises for 6 weeks"
course-days = { $n ->
    [one] { $value } day
   *[other] { $value } days
}
course-weeks = { $n ->
    [one] { $value } week
   *[other] { $value } weeks
}
course-months = { $n ->
    [one] { $value } month
   *[other] { $value } months
}

## The program builder page (builder/index.html), for the clinic's staff
builder-title = Make a patient's handout
builder-lead = Choose exercises, set each dose, add the patient's details, then make the PDF. It is made on this computer: nothing you type here is sent anywhere or kept by this page. To keep a program for next time, save it as a file.
builder-needs-script = This page needs JavaScript turned on.
builder-loading = Loading the handout maker…
builder-step-pick = 1. Choose exercises
builder-from-condition = Start from a condition's program
builder-choose-condition = Choose a condition
builder-use-condition = Use this program
builder-find = Find an exercise
builder-find-hint = Name, body region or type
builder-region = Body region
builder-kind = Type
builder-any = Any
builder-step-program = 2. The program
builder-dose-help = A dose field left empty prints the library's dose. Doses use the same words as the exercise files: reps "8-10", hold "30 sec" or "3 breaths", frequency "twice daily".
builder-program-empty = No exercises yet: add some above.
builder-step-patient = 3. The patient and the sheet
builder-sheet-title = Title
builder-patient = Patient's name
builder-therapist = Therapist
builder-date = Date
builder-note = Note for the patient
builder-paper = Paper
builder-letter = Letter
builder-a4 = A4
builder-log-weeks = Weeks of check-off log
builder-large-print = Large print
builder-daily-log = Print the check-off log
builder-step-print = 4. Print
builder-make-pdf = Make PDF
builder-save = Save program
builder-open = Open program
# What the page's script says; { $title }, { $n } and the like are filled in there.
builder-add = Add
builder-add-again = Add again
builder-add-named = Add: { $title }
builder-add-again-named = Add again: { $title }
builder-show-more = Show more
builder-found = { $n ->
    [one] { $n } exercise found.
   *[other] { $n } exercises found.
}
builder-added = { $title } added: { $n } in the program.
builder-moved = { $title } is now number { $n }.
builder-removed = { $title } removed: { $n } in the program.
builder-hold = Hold
builder-reps = Repeat (reps)
builder-sets = Rounds (sets)
builder-per-side = Each side
builder-frequency = How often
builder-rest = Rest
builder-as-library = As in the library ({ $dose })
builder-not-said = Not said
builder-yes = Yes
builder-no = No
builder-move-up = Move up
builder-move-up-named = Move up: { $title }
builder-move-down = Move down
builder-move-down-named = Move down: { $title }
builder-remove = Remove
builder-remove-named = Remove: { $title }
builder-dose-for = Dose for { $title }
builder-exercise-note = Note on this exercise (optional)
builder-choose-condition-first = Choose a condition first.
builder-condition-used = { $title }: { $n } exercises in the program.
builder-not-made = The handout was not made. Please fix:
builder-dose-mistake = A dose has a mistake: see the message beside it.
builder-add-one = Add at least one exercise.
builder-made = The handout is ready.
builder-save-pdf = Save the PDF
builder-or = or
builder-open-pdf = open it to print
builder-made-size = The handout is ready: { $kb } KB.
builder-saved = Program saved as program.yaml.
builder-opened = { $n ->
    [one] Opened { $file }: { $n } exercise.
   *[other] Opened { $file }: { $n } exercises.
}
builder-ready = { $n ->
    [one] Ready: { $n } exercise.
   *[other] Ready: { $n } exercises.
}
builder-failed = The handout maker could not start: { $error }
