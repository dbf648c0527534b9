# Las palabras que handout imprime en las hojas, en español (trato de usted).
# Un mensaje puede llevar <b> y </b>; nada más es marcado.

## El idioma, en sus propias palabras, para el selector de las páginas web
language-name = Español

## Los datos del paciente
field-name = Nombre
field-date = Fecha
field-therapist = Terapeuta
from-therapist = De su terapeuta:

## El tratamiento de una afección
how-long = <b>Cuánto tiempo:</b> siga haciendo estos ejercicios durante { $duration }.
next-visit = <b>Próxima cita:</b> { $visit }

## Cómo leer la dosis, una vez en la página 1
dose-help = <b>Cómo leer la dosis:</b> <b>Repetir</b> es cuántas veces seguidas. <b>Series</b>: haga todas las repeticiones, descanse un momento y vuelva a hacerlas, este número de veces en total. <b>Mantener</b> es cuánto tiempo quedarse quieto en la posición. <b>Cada lado</b>: hágalo con el lado izquierdo y luego con el derecho.

## Un ejercicio
start = Posición inicial:
you-need = Necesita:
scan-video = Escanee para ver un video
scan-online = Escanee para verlo en internet
be-careful = ⚠ Tenga cuidado:

## El final de una hoja
important = Importante

## El registro diario
log-title = Su registro de ejercicios
log-help = Cada vez que haga un ejercicio, marque una casilla de ese día.
log-help-twice = Si un día tiene más de una casilla, marque una cada vez que lo haga.
log-help-pain = En <b>Dolor 0–10</b>, escriba cuánto le dolió ese día: 0 es nada de dolor y 10 es el peor dolor.

## El pie de cada página
phone = Teléfono { $phone }
page-of = Página { $page } de { $pages }

## La casilla de la dosis: etiquetas y valores
dose-hold = Mantener
dose-repeat = Repetir
dose-rounds = Series
dose-sides = Lados
dose-rest = Descanso
dose-how-often = Cada cuánto
# $value es el número como se escribe ("20–30", "1½"); $n elige la forma.
seconds = { $n ->
    [one] { $value } segundo
   *[other] { $value } segundos
}
minutes = { $n ->
    [one] { $value } minuto
   *[other] { $value } minutos
}
breaths = { $n ->
    [one] { $value } respiración
   *[other] { $value } respiraciones
}
times = { $n ->
    [one] Una vez
   *[other] { $value } veces
}
each-side = Cada lado
daily = { $n ->
    [1] Una vez al día
    [2] Dos veces al día
   *[other] { $n } veces al día
}
weekly = { $n ->
    [1] Una vez por semana
    [2] Dos veces por semana
   *[other] { $n } veces por semana
}
weekly-days = { $n } días por semana
every-other-day = Un día sí y otro no

## Posiciones iniciales
position-supine = Acostado boca arriba
position-prone = Acostado boca abajo
position-side-lying = Acostado de lado
position-seated = Sentado
position-standing = De pie
position-kneeling = De rodillas
position-quadruped = Apoyado en manos y rodillas

## Palabras que dibuja el maquetador: figuras, ejercicios que siguen, el registro
figure-start = Inicio
figure-end = Final
continued = { $title } (continúa)
log-day = Día
log-pain = Dolor 0–10
weekday-1 = Lun
weekday-2 = Mar
weekday-3 = Mié
weekday-4 = Jue
weekday-5 = Vie
weekday-6 = Sáb
weekday-7 = Dom
month-short-1 = ene
month-short-2 = feb
month-short-3 = mar
month-short-4 = abr
month-short-5 = may
month-short-6 = jun
month-short-7 = jul
month-short-8 = ago
month-short-9 = sept
month-short-10 = oct
month-short-11 = nov
month-short-12 = dic

## Fechas como se escriben; en español el orden es siempre día, mes y año
date-day-month-year = { $day } de { $month } de { $year }
date-month-day-year = { $day } de { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## Una hoja personal sin título
personal-title = Sus ejercicios en casa

## El aviso del sitio, cuando site.yaml no escribe uno propio
disclaimer-default = Estos ejercicios son consejos generales, no un diagnóstico ni un tratamiento hecho para usted. Deje cualquier ejercicio que le cause dolor, mareo o falta de aire, y hable con su terapeuta o su médico.

## La dosis en una línea, en las páginas web: "Mantener 30 segundos · Repetir 10 veces"
part-hold = Mantener { $time }
part-hold-breaths = { $n ->
    [one] Mantener durante { $value } respiración
   *[other] Mantener durante { $value } respiraciones
}
part-repeat = { $n ->
    [one] Hacerlo una vez
   *[other] Repetir { $value } veces
}
part-sets = { $n ->
    [one] { $n } serie
   *[other] { $n } series
}
part-rest = Descansar { $time } entre una vez y otra
part-rest-between-sets = Descansar { $time } entre series

## Tipos de ejercicio, zonas del cuerpo y material, como los nombran las páginas web
kind-stretch = Estiramiento
kind-strengthen = Fortalecimiento
kind-mobility = Movilidad
kind-stability = Estabilidad
kind-breathing = Respiración
region-neck = Cuello
region-shoulder = Hombro
region-elbow = Codo
region-wrist = Muñeca
region-hand = Mano
region-upper-back = Parte alta de la espalda
region-lower-back = Parte baja de la espalda
region-core = Abdomen y tronco
region-hip = Cadera
region-knee = Rodilla
region-ankle = Tobillo
region-foot = Pie
equipment-exercise-mat = colchoneta
equipment-chair = silla
equipment-sturdy-chair = silla firme
equipment-wall = pared
equipment-strap = correa
equipment-towel = toalla
equipment-resistance-band = banda elástica
equipment-short-resistance-band = banda elástica corta
equipment-step = escalón
equipment-stairs = escaleras
equipment-table = mesa
equipment-kitchen-counter = encimera de la cocina
equipment-bed = cama
equipment-pillow = almohada
equipment-cushion = cojín
equipment-exercise-ball = pelota de ejercicio
equipment-small-ball = pelota pequeña
equipment-foam-roller = rodillo de espuma
equipment-hand-weights = pesas de mano
equipment-ankle-weights = tobilleras con peso
equipment-stick = palo
equipment-doorway = marco de una puerta
equipment-box = caja
equipment-timer = reloj o temporizador

## Para explorar la biblioteca
facet-regions = Zona del cuerpo
facet-kinds = Tipo de ejercicio
facet-positions = Posición inicial
facet-equipment = Material
heading-region = Ejercicios para: { $label }
heading-kind = Ejercicios de { $label }
heading-kind-stretch = Estiramientos
heading-kind-strengthen = Ejercicios de fortalecimiento
heading-position = Ejercicios en posición: { $label }
heading-equipment = Ejercicios con: { $label }
heading-page = { $heading } (página { $page } de { $pages })
heading-letter = Ejercicios que empiezan por { $letter }
heading-letter-digit = Ejercicios cuyo nombre empieza por un número
heading-letter-other = Ejercicios cuyo nombre empieza por otra letra
letters-other = Otras

## Una figura dibujada, descrita para quien no puede verla
figure-alt = Dibujo de { $title }: una persona { $start }.
figure-alt-moving = Dibujo de { $title }: una persona { $start }, al principio y al final del movimiento.
figure-base-standing = de pie
figure-base-sitting = sentada en una silla
figure-base-long-sitting = sentada en el suelo con las piernas estiradas
figure-base-cross-legged = sentada en el suelo
figure-base-lying = acostada boca arriba
figure-base-hook-lying = acostada boca arriba con las rodillas dobladas
figure-base-prone = acostada boca abajo
figure-base-prone-on-elbows = acostada boca abajo, apoyada en los codos
figure-base-side-lying = acostada de lado
figure-base-hands-and-knees = apoyada en manos y rodillas
figure-base-kneeling = de rodillas
figure-base-half-kneeling = con una rodilla en el suelo

## Páginas web: en todas las páginas
skip-to-content = Ir al contenido
call = Llame al
nav-main = Principal
nav-search = Buscar
nav-conditions = Afecciones
nav-browse = Explorar
nav-exercises = Ejercicios
languages-label = Idiomas
for-therapists = Para terapeutas: preparar la hoja de un paciente

## Páginas web: la página de inicio y su buscador
home-lead = Ejercicios de { $clinic } para hacer en casa. Elija su afección para ver sus ejercicios e imprimir una hoja.
your-clinic = su clínica
find-heading = Buscar un ejercicio
search-label = Buscar por nombre o palabra
filter-list = Filtrar la lista
filter-any = Cualquiera
clear-search = Borrar la búsqueda
exercise-count = { $n ->
    [one] { $n } ejercicio
   *[other] { $n } ejercicios
}
handout-pdf = Hoja de ejercicios (PDF)
browse-heading = Explorar los ejercicios
all-exercises-heading = Todos los ejercicios, de la A a la Z
letters-label = Ejercicios de la A a la Z
search-more = Mostrar { $n } más
search-none = Ningún ejercicio coincide. Escriba menos letras o borre los filtros.
search-found = { $n ->
    [one] { $n } ejercicio encontrado
   *[other] { $n } ejercicios encontrados
}

## Páginas web: un ejercicio
print-exercise = Imprimir este ejercicio (PDF)
print-page = Imprimir esta página
watch-video = Ver un video
how-to = Cómo hacerlo
how-much = Cuánto
be-careful-heading = Tenga cuidado
about-exercise = Sobre este ejercicio
fact-position = Posición:
fact-type = Tipo:
fact-helps = Ayuda a:
part-of-programs = Forma parte de estos programas
own-dose-in-program = (con su propia dosis: { $dose })

## Páginas web: una afección
download-handout = Descargar la hoja (PDF)
large-print-pdf = Letra grande (PDF)
print = Imprimir
on-this-page = En esta página
your-exercises = Sus ejercicios
own-dose-note = Esta es la dosis para este programa. Por sí solo, este ejercicio se hace así: { $dose }.
note-label = Nota:

## Páginas web: listas, y páginas de direcciones que cambiaron
more-pages = Más páginas
previous-page = Página anterior
next-page = Página siguiente
browse-all = Explorar todos los ejercicios
not-found = No se encontró la página
not-found-lead = No pudimos encontrar esa página. Puede que se haya movido.
go-to-library = Ir a la biblioteca de ejercicios
or-call = , o llámenos al { $phone }
moved-to = Esta página se ha movido a
removed-title = Ya no está en la biblioteca
removed-heading = { $kind ->
    [exercise] Este ejercicio ya no está en nuestra biblioteca
    [condition] Esta afección ya no está en nuestra biblioteca
   *[other] Esta página ya no está en nuestra biblioteca
}
removed-lead = Consulte con su clínica antes de volver a hacerlo
removed-call = : llámenos al

## Lo que una página sin resumen propio dice de sí misma a los buscadores
page-description = { $title }, de { $clinic }.

## Cuánto tiempo seguir: "siga haciendo estos ejercicios durante 6 semanas"
course-days = { $n ->
    [one] { $value } día
   *[other] { $value } días
}
course-weeks = { $n ->
    [one] { $value } semana
   *[other] { $value } semanas
}
course-months = { $n ->
    [one] { $value } mes
   *[other] { $value } meses
}

## La página para preparar hojas (builder/index.html), para el personal de la clínica
builder-title = Preparar la hoja de un paciente
builder-lead = Elija los ejercicios, ajuste cada dosis, añada los datos del paciente y luego haga el PDF. Se hace en este ordenador: nada de lo que escriba aquí se envía a ningún sitio ni se guarda en esta página. Para usar un programa otra vez, guárdelo en un archivo.
builder-needs-script = Esta página necesita JavaScript activado.
builder-loading = Cargando el preparador de hojas…
builder-step-pick = 1. Elegir los ejercicios
builder-from-condition = Empezar con el programa de una afección
builder-choose-condition = Elija una afección
builder-use-condition = Usar este programa
builder-find = Buscar un ejercicio
builder-find-hint = Nombre, zona del cuerpo o tipo
builder-region = Zona del cuerpo
builder-kind = Tipo
builder-any = Cualquiera
builder-step-program = 2. El programa
builder-dose-help = Si deja vacío un campo de la dosis, se imprime la dosis de la biblioteca. Las dosis usan las mismas palabras que los archivos de ejercicios: reps "8-10", hold "30 sec" o "3 breaths", frequency "twice daily".
builder-program-empty = Todavía no hay ejercicios: añada algunos arriba.
builder-step-patient = 3. El paciente y la hoja
builder-sheet-title = Título
builder-patient = Nombre del paciente
builder-therapist = Terapeuta
builder-date = Fecha
builder-note = Nota para el paciente
builder-paper = Papel
builder-letter = Carta
builder-a4 = A4
builder-log-weeks = Semanas de registro
builder-large-print = Letra grande
builder-daily-log = Imprimir el registro de ejercicios
builder-step-print = 4. Imprimir
builder-make-pdf = Hacer el PDF
builder-save = Guardar el programa
builder-open = Abrir un programa
builder-add = Añadir
builder-add-again = Añadir otra vez
builder-add-named = Añadir: { $title }
builder-add-again-named = Añadir otra vez: { $title }
builder-show-more = Ver más
builder-found = { $n ->
    [one] { $n } ejercicio encontrado.
   *[other] { $n } ejercicios encontrados.
}
builder-added = { $title } añadido: { $n } en el programa.
builder-moved = { $title } es ahora el número { $n }.
builder-removed = { $title } quitado: { $n } en el programa.
builder-hold = Mantener
builder-reps = Repetir (reps)
builder-sets = Series (sets)
builder-per-side = Cada lado
builder-frequency = Cada cuánto
builder-rest = Descanso
builder-as-library = Como en la biblioteca ({ $dose })
builder-not-said = No se dice
builder-yes = Sí
builder-no = No
builder-move-up = Subir
builder-move-up-named = Subir: { $title }
builder-move-down = Bajar
builder-move-down-named = Bajar: { $title }
builder-remove = Quitar
builder-remove-named = Quitar: { $title }
builder-dose-for = Dosis de { $title }
builder-exercise-note = Nota sobre este ejercicio (opcional)
builder-choose-condition-first = Primero elija una afección.
builder-condition-used = { $title }: { $n } ejercicios en el programa.
builder-not-made = No se hizo la hoja. Corrija esto:
builder-dose-mistake = Hay un error en una dosis: vea el mensaje a su lado.
builder-add-one = Añada al menos un ejercicio.
builder-made = La hoja está lista.
builder-save-pdf = Guardar el PDF
builder-or = o
builder-open-pdf = abrirlo para imprimir
builder-made-size = La hoja está lista: { $kb } KB.
builder-saved = Programa guardado como program.yaml.
builder-opened = { $n ->
    [one] Se abrió { $file }: { $n } ejercicio.
   *[other] Se abrió { $file }: { $n } ejercicios.
}
builder-ready = { $n ->
    [one] Listo: { $n } ejercicio.
   *[other] Listo: { $n } ejercicios.
}
builder-failed = No se pudo iniciar el preparador de hojas: { $error }
