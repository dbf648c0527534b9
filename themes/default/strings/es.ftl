# Las palabras que handout imprime en las hojas, en español (trato de usted).
# Un mensaje puede llevar <b> y </b>; nada más es marcado.

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
