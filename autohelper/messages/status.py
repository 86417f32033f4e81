"""Messages of `autohelper status`, `done`, `undo`, `next` and of the procedure loader
(autohelper/status/). Loader messages render only the message: the loader puts
`file:line:column: ` in front."""

from __future__ import annotations

_PROCEDURE: dict[str, dict[str, str]] = {
    "procedure.invalid": {
        "es": "{count} problema(s) en el procedimiento:\n{problems}",
        "en": "{count} problem(s) in the procedure:\n{problems}",
    },
    "procedure.id_not_file": {
        "es": "el procedimiento se llama '{id}' pero el archivo '{stem}': deben coincidir "
        "(el perfil elige el procedimiento por el nombre del archivo)",
        "en": "the procedure is called '{id}' but the file '{stem}': they must match "
        "(the profile picks the procedure by its file name)",
    },
    "procedure.contact_kind": {
        "es": "un contacto lleva exactamente uno de: {kinds}",
        "en": "a contact has exactly one of: {kinds}",
    },
    "procedure.bad_email": {
        "es": "'{value}' no es un correo electrónico",
        "en": "'{value}' is not an email address",
    },
    "procedure.bad_hours": {
        "es": "horario inválido '{value}': se espera H:MM-H:MM, p. ej. 8:00-16:00",
        "en": "invalid hours '{value}': expected H:MM-H:MM, e.g. 8:00-16:00",
    },
    "procedure.bad_hours_time": {
        "es": "horario inválido '{value}': una hora va de 0:00 a 24:00 (minutos de 00 a 59)",
        "en": "invalid hours '{value}': a time goes from 0:00 to 24:00 (minutes 00 to 59)",
    },
    "procedure.bad_hours_order": {
        "es": "horario inválido '{value}': cierra antes de abrir (o a la misma hora)",
        "en": "invalid hours '{value}': it closes before it opens (or at the same time)",
    },
    "procedure.expected_date": {
        "es": "se esperaba una fecha AAAA-MM-DD",
        "en": "expected a date YYYY-MM-DD",
    },
    "procedure.date_out_of_range": {
        "es": "la fecha {value} está fuera del rango aceptado: usa una entre los años {first} "
        "y {last}",
        "en": "the date {value} is out of range: use one from the year {first} to {last}",
    },
    "procedure.bad_range": {
        "es": "el rango termina ({last}) antes de empezar ({first})",
        "en": "the range ends ({last}) before it starts ({first})",
    },
    "procedure.bad_id": {
        "es": "id de paso inválido '{id}': minúsculas, dígitos, '-' y '_', empezando con letra",
        "en": "invalid step id '{id}': lower case letters, digits, '-' and '_', "
        "starting with a letter",
    },
    "procedure.unknown_kind": {
        "es": "tipo de paso desconocido '{kind}'{hint}; usa uno de: {kinds}",
        "en": "unknown step kind '{kind}'{hint}; use one of: {kinds}",
    },
    "procedure.unknown_step_ref": {
        "es": "'{step}' no es un paso anterior{hint} (un paso solo depende de pasos escritos "
        "antes que él)",
        "en": "'{step}' is not an earlier step{hint} (a step depends only on steps written "
        "before it)",
    },
    "procedure.last_before_first": {
        "es": "'last' ({last}) no puede ser menor que 'first' ({first})",
        "en": "'last' ({last}) cannot be less than 'first' ({first})",
    },
    "procedure.window_after_wait": {
        "es": "la ventana de '{step}' cuenta desde '{wait}', que es una espera: una espera no "
        "tiene un día en que se hace, así que esa ventana nunca se abriría; cuenta desde el "
        "paso que sigue la espera (su 'after')",
        "en": "the window of '{step}' counts from '{wait}', which is a wait: a wait has no day "
        "it is done on, so that window would never open; count from the step the wait follows "
        "(its 'after')",
    },
    "procedure.expected_days": {
        "es": "se esperaba un número entero de días hábiles, de 0 a {high}",
        "en": "expected a whole number of business days, from 0 to {high}",
    },
    "procedure.scenario_needed": {
        "es": "un paso 'kind: scenario' necesita 'scenario' (el id del escenario que lo hace)",
        "en": "a 'kind: scenario' step needs 'scenario' (the id of the scenario that does it)",
    },
    "procedure.scenario_only": {
        "es": "'scenario' solo va con kind: scenario",
        "en": "'scenario' only goes with kind: scenario",
    },
    "procedure.unknown_scenario": {
        "es": "escenario desconocido '{name}'{hint}: no hay archivo con ese id ni está entre "
        "los planeados",
        "en": "unknown scenario '{name}'{hint}: no file has that id and it is not a planned one",
    },
    "procedure.wait_needs_window": {
        "es": "una espera (kind: wait) necesita 'window' (after, first y opcionalmente last)",
        "en": "a wait (kind: wait) needs a 'window' (after, first and optionally last)",
    },
    "procedure.wait_no_rules": {
        "es": "una espera termina sola: no lleva '{key}'",
        "en": "a wait ends by itself: it has no '{key}'",
    },
    "procedure.rule_shape": {
        "es": "en '{key}' cada regla es un mapeo con 'run' o 'profile' (solo done_when "
        "admite además la palabra mark)",
        "en": "in '{key}' each rule is a mapping with 'run' or 'profile' (only done_when also "
        "takes the word mark)",
    },
    "procedure.rule_source": {
        "es": "una regla lleva exactamente uno de: run, profile",
        "en": "a rule has exactly one of: run, profile",
    },
    "procedure.run_rule_needs_scenario": {
        "es": "'run' solo va en pasos kind: scenario (es la corrida de su escenario)",
        "en": "'run' only goes in kind: scenario steps (it is a run of its scenario)",
    },
    "procedure.placeholder": {
        "es": "{placeholder} no se reemplaza por nada y se mostraría tal cual: el único marcador "
        "es {{profile}} (donde un comando lleva el --profile usado), y solo en {keys}",
        "en": "{placeholder} is not replaced by anything and would be shown as written: the only "
        "placeholder is {{profile}} (where a command takes the --profile used), and only in {keys}",
    },
    "procedure.run_match_empty": {
        "es": "'run' necesita 'status', 'yields' o ambos",
        "en": "'run' needs 'status', 'yields' or both",
    },
    "procedure.unknown_status": {
        "es": "estado de corrida desconocido '{status}'{hint}; usa uno de: {statuses}",
        "en": "unknown run status '{status}'{hint}; use one of: {statuses}",
    },
    "procedure.profile_set": {
        "es": "para '{field}' escribe set (el perfil tiene un valor); true/false solo van "
        "con campos sí/no",
        "en": "for '{field}' write set (the profile has a value); true/false only go with "
        "yes/no fields",
    },
}

_STATUS: dict[str, dict[str, str]] = {
    # -- bad input ---------------------------------------------------------------------------
    "status.bad_date": {
        "es": "{option}: «{value}» no es una fecha AAAA-MM-DD (por ejemplo 2026-11-17).",
        "en": "{option}: “{value}” is not a date YYYY-MM-DD (for example 2026-11-17).",
    },
    "status.bad_date_meant": {
        "es": "{option}: «{value}» no es una fecha AAAA-MM-DD; ¿quisiste decir {meant}?",
        "en": "{option}: “{value}” is not a date YYYY-MM-DD; did you mean {meant}?",
    },
    "status.date_out_of_range": {
        "es": "{option}: «{value}» está fuera del rango aceptado: usa una fecha entre los años "
        "{first} y {last}.",
        "en": "{option}: “{value}” is out of range: use a date from the year {first} to {last}.",
    },
    "status.bad_month": {
        "es": "{option}: «{value}» no es una fecha: no existe el mes {month} (los meses van del "
        "01 al 12).",
        "en": "{option}: “{value}” is not a date: there is no month {month} (months go from 01 "
        "to 12).",
    },
    "status.bad_day": {
        "es": "{option}: «{value}» no es una fecha: {month} de {year} tiene {days} días, no "
        "hay día {day}.",
        "en": "{option}: “{value}” is not a date: {month} {year} has {days} days, there is no "
        "day {day}.",
    },
    "status.same_output": {
        "es": "--html y --ics apuntan al mismo archivo ({path}): el calendario borraría la "
        "página. Da a cada uno su archivo (por ejemplo tramite.html y tramite.ics).",
        "en": "--html and --ics name the same file ({path}): the calendar would overwrite the "
        "page. Give each its own file (for example procedure.html and procedure.ics).",
    },
    "status.output_is_profile": {
        "es": "{option} apunta a tu perfil ({path}): escribir ahí borraría tus datos. No escribí "
        "nada; da otro archivo (por ejemplo tramite{suffix}).",
        "en": "{option} names your profile ({path}): writing there would destroy your data. "
        "Nothing was written; give another file (for example procedure{suffix}).",
    },
    "status.output_is_journal": {
        "es": "{option} apunta al diario de autohelper ({path}): escribir ahí borraría lo que "
        "corriste y marcaste. No escribí nada; da otro archivo (por ejemplo tramite{suffix}).",
        "en": "{option} names the autohelper journal ({path}): writing there would destroy what "
        "you ran and marked. Nothing was written; give another file (for example "
        "procedure{suffix}).",
    },
    "status.output_is_procedure": {
        "es": "{option} apunta a un archivo de procedimiento ({path}), que autohelper status "
        "lee: escribir ahí lo borraría. No escribí nada; da otro archivo (por ejemplo "
        "tramite{suffix}).",
        "en": "{option} names a procedure file ({path}), which autohelper status reads: "
        "writing there would destroy it. Nothing was written; give another file (for example "
        "procedure{suffix}).",
    },
    "status.output_is_scenario": {
        "es": "{option} apunta a un archivo de la carpeta de escenarios ({path}), que "
        "autohelper status lee: escribir ahí lo borraría. No escribí nada; da otro archivo "
        "(por ejemplo tramite{suffix}).",
        "en": "{option} names a file of the scenarios folder ({path}), which autohelper status "
        "reads: writing there would destroy it. Nothing was written; give another file (for "
        "example procedure{suffix}).",
    },
    "status.no_institution": {
        "es": "Tu perfil no dice tu institución, y de ella depende el procedimiento. "
        "Agrégala: autohelper profile set institution=NOMBRE (NOMBRE: una de {choices}).",
        "en": "Your profile does not name your institution, which picks the procedure. "
        "Add it: autohelper profile set institution=NAME (NAME: one of {choices}).",
    },
    "status.no_institution_commands": {
        "es": "Tu perfil no dice tu institución, y de ella depende el procedimiento. "
        "Agrégala con la línea de la tuya:{commands}",
        "en": "Your profile does not name your institution, which picks the procedure. "
        "Add it with the line of yours:{commands}",
    },
    "status.no_procedure": {
        "es": "No hay procedimiento para la institución «{institution}» ({path} no existe).",
        "en": "There is no procedure for the institution “{institution}” ({path} is missing).",
    },
    "status.unknown_step": {
        "es": "«{step}» no es un paso del procedimiento {procedure}{hint}. Pasos: {steps}.",
        "en": "“{step}” is not a step of the procedure {procedure}{hint}. Steps: {steps}.",
    },
    "status.step_other_procedure": {
        "es": "«{step}» es un paso del procedimiento {other}, pero tu perfil sigue el "
        "procedimiento {procedure} (según tu institución). Pasos: {steps}.",
        "en": "“{step}” is a step of the procedure {other}, but your profile follows the "
        "procedure {procedure} (from your institution). Steps: {steps}.",
    },
    "status.not_markable": {
        "es": "«{step}» es una espera: termina sola, no se marca como hecha.",
        "en": "“{step}” is a wait: it ends by itself and cannot be marked done.",
    },
    "status.done_by_run": {
        "es": "«{step}» no se marca a mano: queda hecho con una corrida de su trámite ({command}).",
        "en": "“{step}” is not marked by hand: a run of it gets it done ({command}).",
    },
    "status.done_by_profile": {
        "es": "«{step}» no se marca a mano: queda hecho según tu perfil ({fields}). Revísalo "
        "con autohelper profile show{suffix} y corrígelo con autohelper profile set{suffix}.",
        "en": "“{step}” is not marked by hand: your profile gets it done ({fields}). Check it "
        "with autohelper profile show{suffix} and fix it with autohelper profile set{suffix}.",
    },
    "status.done_by_run_or_profile": {
        "es": "«{step}» no se marca a mano: queda hecho con una corrida de su trámite "
        "({command}) o según tu perfil ({fields}: autohelper profile show{suffix}).",
        "en": "“{step}” is not marked by hand: a run of it gets it done ({command}), or your "
        "profile does ({fields}: autohelper profile show{suffix}).",
    },
    "status.nothing_to_undo": {
        "es": "«{step}» no tiene una marca de hecho que deshacer.",
        "en": "“{step}” has no done mark to take back.",
    },
    "status.undo_done_by_run": {
        "es": "«{step}» no tiene una marca tuya que deshacer: lo hizo la corrida del {date} "
        "({command}), y undo no puede desmarcar lo que hizo el portal.",
        "en": "“{step}” has no mark of yours to take back: the run of {date} did it "
        "({command}), and undo cannot unmark what the portal did.",
    },
    "status.undo_done_by_profile": {
        "es": "«{step}» no tiene una marca tuya que deshacer: está hecho según tu perfil "
        "(autohelper profile show{suffix}). Si tu perfil no es correcto, corrígelo con "
        "autohelper profile set{suffix}.",
        "en": "“{step}” has no mark of yours to take back: it is done according to your "
        "profile (autohelper profile show{suffix}). If your profile is wrong, fix it with "
        "autohelper profile set{suffix}.",
    },
    "status.order_first": {
        "es": "«{step}» no puede quedar hecho el {date}: «{other}» ({title}) va antes y está "
        "{how}. Revisa la fecha y márcalo con la correcta: autohelper done {step} --on "
        "AAAA-MM-DD{suffix}.{fix}",
        "en": "“{step}” cannot be done on {date}: “{other}” ({title}) comes first and was "
        "{how}. Check the date and mark it with the right one: autohelper done {step} --on "
        "YYYY-MM-DD{suffix}.{fix}",
    },
    "status.order_later": {
        "es": "«{step}» no puede quedar hecho el {date}: «{other}» ({title}) va después y está "
        "{how}. Revisa la fecha y márcalo con la correcta: autohelper done {step} --on "
        "AAAA-MM-DD{suffix}.{fix}",
        "en": "“{step}” cannot be done on {date}: “{other}” ({title}) comes after it and was "
        "{how}. Check the date and mark it with the right one: autohelper done {step} --on "
        "YYYY-MM-DD{suffix}.{fix}",
    },
    "status.order_fix_other": {
        "es": " Si la fecha equivocada es la de «{other}»: autohelper undo {other}{suffix}, y "
        "márcalo con la correcta.",
        "en": " If the wrong date is that of “{other}”: autohelper undo {other}{suffix}, then "
        "mark it with the right one.",
    },
    "status.order_fix_run": {
        "es": " Si «{other}» se hizo antes de esa corrida, marca el día en que lo hiciste: "
        "autohelper done {other} --on AAAA-MM-DD{suffix}.",
        "en": " If “{other}” was done before that run, mark the day you did it: autohelper "
        "done {other} --on YYYY-MM-DD{suffix}.",
    },
    "status.how_run": {
        "es": "hecho por la corrida del {date} ({command})",
        "en": "done by the run of {date} ({command})",
    },
    "status.how_mark": {
        "es": "marcado como hecho el {date}",
        "en": "marked done on {date}",
    },
    "status.cannot_write": {
        "es": "No pude escribir {path}: {reason}",
        "en": "Cannot write {path}: {reason}",
    },
    # -- dates ---------------------------------------------------------------------------------
    "status.weekdays": {
        "es": "lunes,martes,miércoles,jueves,viernes,sábado,domingo",
        "en": "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
    },
    "status.months": {
        "es": "enero,febrero,marzo,abril,mayo,junio,julio,agosto,septiembre,octubre,"
        "noviembre,diciembre",
        "en": "January,February,March,April,May,June,July,August,September,October,"
        "November,December",
    },
    "status.day": {"es": "{weekday} {day} de {month}", "en": "{weekday} {day} {month}"},
    "status.day_year": {
        "es": "{weekday} {day} de {month} de {year}",
        "en": "{weekday} {day} {month} {year}",
    },
    # -- states ----------------------------------------------------------------------------------
    "status.state.done": {"es": "hecho", "en": "done"},
    "status.state.skipped": {"es": "omitido", "en": "skipped"},
    "status.state.waiting": {"es": "en espera", "en": "waiting"},
    "status.state.next": {"es": "sigue", "en": "next"},
    "status.state.todo": {"es": "pendiente", "en": "to do"},
    "status.state.overdue": {"es": "atrasado", "en": "overdue"},
    "status.state.in_person": {"es": "en persona", "en": "in person"},
    "status.state.blocked": {"es": "detenido", "en": "blocked"},
    "status.done_on": {"es": "hecho el {date}", "en": "done on {date}"},
    "status.done_via_profile": {"es": "hecho (según tu perfil)", "en": "done (from your profile)"},
    "status.done_via_mark": {"es": "hecho (marcado)", "en": "done (marked)"},
    "status.done_via_run": {"es": "hecho", "en": "done"},
    "status.wait_ended": {
        "es": "terminó: ya hiciste «{title}»",
        "en": "over: you already did “{title}”",
    },
    "status.wait_ended_on": {
        "es": "terminó: ya hiciste «{title}» el {date}",
        "en": "over: you already did “{title}” on {date}",
    },
    "status.skipped_because": {"es": "omitido: {why}", "en": "skipped: {why}"},
    "status.window": {
        "es": "del {first} al {last} (días hábiles)",
        "en": "from {first} to {last} (business days)",
    },
    "status.place_before": {
        "es": "empieza en {days} día(s) hábil(es)",
        "en": "starts in {days} business day(s)",
    },
    "status.place_within": {
        "es": "hoy es el día hábil {days} de {total}",
        "en": "today is business day {days} of {total}",
    },
    "status.place_within_off": {
        "es": "hoy no es día hábil; van {days} de {total} días hábiles",
        "en": "today is not a business day; {days} of {total} business days have passed",
    },
    "status.place_after": {
        "es": "terminó hace {days} día(s) hábil(es)",
        "en": "ended {days} business day(s) ago",
    },
    "status.not_before": {"es": "a partir del {date}", "en": "from {date}"},
    "status.deadline": {"es": "a más tardar el {date}", "en": "by {date}"},
    "status.recheck": {
        "es": "el {date} aún no aparecías con derecho: vuelve a consultar, la espera no ha "
        "terminado",
        "en": "on {date} you were not covered yet: check again, the wait is not over",
    },
    "status.recheck_now": {
        "es": "el {date}, antes de que terminara la espera, aún no aparecías con derecho: "
        "vuelve a consultar ahora; si sigues sin derecho, autohelper status te dirá a quién "
        "escribir",
        "en": "on {date}, before the wait was over, you were not covered yet: check again now; "
        "if you are still not covered, autohelper status tells you whom to write to",
    },
    "status.in_person_at": {
        "es": "hazlo en persona en {where}",
        "en": "do it in person at {where}",
    },
    "status.in_person_generic": {
        "es": "el portal pidió hacerlo en persona, en la oficina que indicó",
        "en": "the portal asked for it in person, at the office it named",
    },
    "status.after_practice": {
        "es": "Esto fue una práctica con el portal simulado: nada de esto es real ni cuenta en tu "
        "trámite (autohelper status no lo muestra). Para hacerlo de verdad, corre el mismo "
        "comando sin --against fixtures.",
        "en": "This was practice on the mock portal: none of it is real or counts in your "
        "procedure (autohelper status does not show it). To do it for real, run the same "
        "command without --against fixtures.",
    },
    "status.after_practice_command": {
        "es": "Esto fue una práctica con el portal simulado: nada de esto es real ni cuenta en tu "
        "trámite (autohelper status no lo muestra). Para hacerlo de verdad: {command}",
        "en": "This was practice on the mock portal: none of it is real or counts in your "
        "procedure (autohelper status does not show it). To do it for real: {command}",
    },
    "status.after_run_earlier": {
        "es": "Este paso quedó hecho, pero en tu historial falta uno anterior: «{title}». Si ya "
        "lo hiciste por tu cuenta, márcalo: autohelper done {step}{suffix}",
        "en": "This step is done, but your history lacks an earlier one: “{title}”. If you "
        "already did it yourself, mark it: autohelper done {step}{suffix}",
    },
    "status.blocked_unknown.email": {
        "es": "no se supo si el último envío llegó: revisa tu correo o el portal antes de "
        "intentarlo otra vez",
        "en": "it is unknown whether the last send went through: check your email or the portal "
        "before trying again",
    },
    "status.blocked_unknown.portal": {
        "es": "no se supo si el último envío llegó: revisa en el portal si quedó registrado "
        "antes de intentarlo otra vez",
        "en": "it is unknown whether the last send went through: check on the portal whether "
        "it was recorded before trying again",
    },
    "status.blocked_generic": {
        "es": "algo falló que una persona debe revisar",
        "en": "something failed that a person must look into",
    },
    "status.yield.folio": {"es": "folio", "en": "folio"},
    "status.yield.nss": {"es": "NSS", "en": "NSS"},
    "status.yield.verdict": {"es": "resultado", "en": "result"},
    "status.yield.con_derecho": {"es": "con derecho", "en": "entitled"},
    "status.yield.situacion": {"es": "situación", "en": "situation"},
    "status.yield.patron": {"es": "último patrón", "en": "last employer"},
    "status.yield.registro_patronal": {"es": "registro patronal", "en": "employer registration"},
    "status.yield.modalidad": {"es": "modalidad", "en": "modalidad"},
    "status.yield.umf": {"es": "UMF", "en": "UMF"},
    "status.yield.clinic": {"es": "clínica", "en": "clinic"},
    "status.yield.turno": {"es": "turno", "en": "shift"},
    "status.yield.consultorio": {"es": "consultorio", "en": "consultorio"},
    "status.yield.already_filed": {"es": "ya registrada", "en": "already filed"},
    # -- the report ------------------------------------------------------------------------------
    "status.as_of": {"es": "Al {date}", "en": "As of {date}"},
    "status.next": {"es": "Lo que sigue: {title}", "en": "Next: {title}"},
    "status.after_run": {
        "es": "autohelper next{suffix} lo inicia; autohelper status{suffix} muestra todo tu "
        "trámite.",
        "en": "autohelper next{suffix} starts it; autohelper status{suffix} shows your whole "
        "procedure.",
    },
    "status.after_run_status": {
        "es": "autohelper status{suffix} muestra todo tu trámite.",
        "en": "autohelper status{suffix} shows your whole procedure.",
    },
    "status.what_happened": {"es": "Qué pasó: {why}", "en": "What happened: {why}"},
    "status.after_mirror_run": {
        "es": "Esta vez practicaste contra el espejo {url}: el comando de abajo y autohelper next "
        "van al portal real. Para seguir practicando, añade --against {url}.",
        "en": "This time you practised against the mirror {url}: the command below and "
        "autohelper next go to the real portal. To keep practising, add --against {url}.",
    },
    "status.next_from": {"es": "(a partir del {date})", "en": "(from {date})"},
    "status.next_heading": {"es": "Lo que sigue", "en": "Next"},
    "status.all_done": {
        "es": "¡Listo! Terminaste todos los pasos del trámite.",
        "en": "All done! You finished every step of the procedure.",
    },
    "status.still_open": {
        "es": "Por ahora no hay un paso que puedas hacer. Aún no termina: {steps}.",
        "en": "There is no step you can do for now. Not finished yet: {steps}.",
    },
    "status.order_conflict": {
        "es": "Aviso: «{step}» está hecho el {date}, antes que «{other}» (hecho el "
        "{other_date}), y no puede ser antes: sus días hábiles se cuentan desde «{other}». "
        "Corrige la fecha que esté mal: autohelper done {step} --on AAAA-MM-DD{suffix} o "
        "autohelper done {other} --on AAAA-MM-DD{suffix}{undo}.",
        "en": "Note: “{step}” is done on {date}, before “{other}” (done on {other_date}), and "
        "cannot be: its business days count from “{other}”. Fix the wrong date: autohelper "
        "done {step} --on YYYY-MM-DD{suffix} or autohelper done {other} --on "
        "YYYY-MM-DD{suffix}{undo}.",
    },
    "status.order_conflict_undo": {
        "es": "; una marca equivocada se quita con {commands}",
        "en": "; a wrong mark is taken back with {commands}",
    },
    "status.command": {"es": "Comando: {command}", "en": "Command: {command}"},
    "status.where": {"es": "Dónde: {where}", "en": "Where: {where}"},
    "status.bring": {"es": "Lleva: {bring}", "en": "Bring: {bring}"},
    "status.mark_hint": {
        "es": "Cuando lo hayas hecho: {command} (con --on AAAA-MM-DD si fue otro día)",
        "en": "Once done: {command} (with --on YYYY-MM-DD if it was another day)",
    },
    "status.profile_fix": {
        "es": "Si tu perfil está mal, corrígelo: {command}. Si está bien, no lo marques como "
        "hecho: pregunta tus dudas a {desk}.",
        "en": "If your profile is wrong, fix it: {command}. If it is right, do not mark it "
        "done: ask {desk} about it.",
    },
    "status.answer_yes": {"es": "sí", "en": "yes"},
    "status.answer_no": {"es": "no", "en": "no"},
    "status.save_hint": {
        "es": "Si ya lo tienes (por ejemplo, te lo dio un empleador), guárdalo en tu perfil y "
        "este paso queda hecho: {command}",
        "en": "If you already have it (from an employer, say), save it in your profile and this "
        "step is done: {command}",
    },
    "status.save_first": {
        "es": "Antes guarda tu {field} en tu perfil (este paso lo necesita): {command}",
        "en": "First save your {field} in your profile (this step needs it): {command}",
    },
    "status.save_first_or_find": {
        "es": "Antes guarda tu {field} en tu perfil (este paso lo necesita): {command}. Si no "
        "lo conoces, {find} lo encuentra.",
        "en": "First save your {field} in your profile (this step needs it): {command}. If you "
        "do not know it, {find} finds it.",
    },
    "status.done_needs_field": {
        "es": "No marco «{step}» como hecho: lo que sigue necesita tu {field} en tu perfil, y "
        "una marca no lo guarda. Si ya lo tienes, guárdalo: {command}. Si no, consíguelo: {run}",
        "en": "I will not mark “{step}” done: what comes next needs your {field} in your "
        "profile, and a mark does not save it. If you have it, save it: {command}. If not, get "
        "it: {run}",
    },
    "status.done_refused_by_profile": {
        "es": "No marco «{step}» como hecho: tu perfil dice lo contrario ({fields}). Si tu "
        "perfil está mal, corrígelo: {command}",
        "en": "I will not mark “{step}” done: your profile says otherwise ({fields}). If your "
        "profile is wrong, fix it: {command}",
    },
    "status.contacts_overdue": {
        "es": "Ya pasó el plazo. Si ya consultaste y tu trámite no aparece listo, contacta a "
        "{name}:",
        "en": "The period is over. If you have checked and your procedure does not show as "
        "ready, contact {name}:",
    },
    "status.contacts_blocked": {
        "es": "Algo está detenido. Contacta a {name}:",
        "en": "Something is blocked. Contact {name}:",
    },
    "status.contact.email": {"es": "Correo", "en": "Email"},
    "status.contact.whatsapp": {"es": "WhatsApp", "en": "WhatsApp"},
    "status.contact.phone": {"es": "Teléfono", "en": "Phone"},
    "status.contact.office": {"es": "En persona", "en": "In person"},
    "status.hours": {"es": "horario {hours}", "en": "hours {hours}"},
    "status.message_masked": {
        "es": "Mensaje listo para copiar (tus datos van ocultos; con --reveal sale completo):",
        "en": "Message ready to copy, in Spanish for the help desk (your data is hidden; "
        "--reveal shows it in full):",
    },
    "status.message_ready": {
        "es": "Mensaje listo para copiar:",
        "en": "Message ready to copy, in Spanish for the help desk:",
    },
    "status.msg.greeting": {"es": "Hola, buen día.", "en": "Hello,"},
    "status.msg.who": {"es": "Soy {name}", "en": "My name is {name}"},
    "status.msg.who_unnamed": {"es": "Soy estudiante", "en": "I am a student"},
    "status.msg.student_id": {"es": ", ID {student_id}", "en": ", student ID {student_id}"},
    "status.msg.filed": {
        "es": "El {date} completé «{title}»",
        "en": "On {date} I completed “{title}”",
    },
    "status.msg.folio": {"es": " (folio {folio})", "en": " (folio {folio})"},
    "status.msg.overdue": {
        "es": "Ya pasó el plazo «{title}» (del {first} al {last}) y mi trámite no aparece listo.",
        "en": "The period “{title}” is over ({first} to {last}) and my procedure does not show "
        "as ready.",
    },
    "status.msg.blocked": {
        "es": "Tengo un problema en el paso «{title}».",
        "en": "I have a problem with the step “{title}”.",
    },
    "status.msg.closing": {
        "es": "¿Me pueden ayudar a revisarlo? Gracias.",
        "en": "Could you help me look into it? Thank you.",
    },
    "status.saved_html": {
        "es": "Página guardada en {path} (solo tú puedes leerla).",
        "en": "Page saved in {path} (readable by you only).",
    },
    "status.saved_ics": {
        "es": "Recordatorios guardados en {path}: ábrelo con tu calendario.",
        "en": "Reminders saved in {path}: open it with your calendar.",
    },
    "status.ics.first_day": {"es": "Desde hoy: {title}", "en": "From today: {title}"},
    "status.ics.last_day": {
        "es": "Último día hábil: {title}",
        "en": "Last business day: {title}",
    },
    "status.ics.last_day_detail": {
        "es": "Último día de la espera. Si después de hoy tu trámite no aparece listo, corre "
        "autohelper status{suffix} y contacta a {desk}.",
        "en": "The wait's last day. If your procedure does not show as ready after today, run "
        "autohelper status{suffix} and contact {desk}.",
    },
    # -- done, undo, next ------------------------------------------------------------------------
    "status.marked": {
        "es": "✔ Marcado como hecho: {step} ({title}), el {date}.",
        "en": "✔ Marked done: {step} ({title}), on {date}.",
    },
    "status.marked_again": {
        "es": "✔ Ya estaba marcado como hecho: {step} ({title}), el {date}. No registré nada "
        "nuevo (un solo autohelper undo lo quita).",
        "en": "✔ Already marked done: {step} ({title}), on {date}. Nothing new was recorded (one "
        "autohelper undo takes it back).",
    },
    "status.marked_future": {
        "es": "Aviso: el {date} aún no llega; autohelper status lo tomará en cuenta desde ese día.",
        "en": "Note: {date} has not come yet; autohelper status will count it from that day.",
    },
    "status.unmarked": {
        "es": "Deshecho: {step} ({title}) ya no está marcado como hecho el {date}.",
        "en": "Undone: {step} ({title}) is no longer marked done on {date}.",
    },
    "status.order_note_first": {
        "es": "Aviso: el {date} es antes de «{other}» ({title}), que suele ir primero y está "
        "{how}. Si así fue, está bien; si la fecha es un error: autohelper undo {step}{suffix}, "
        "y márcalo con la correcta.",
        "en": "Note: {date} is before “{other}” ({title}), which usually comes first and was "
        "{how}. If that is how it went, fine; if the date is a mistake: autohelper undo "
        "{step}{suffix}, then mark it with the right one.",
    },
    "status.order_note_later": {
        "es": "Aviso: el {date} es después de «{other}» ({title}), que suele ir después y está "
        "{how}. Si así fue, está bien; si la fecha es un error: autohelper undo {step}{suffix}, "
        "y márcalo con la correcta.",
        "en": "Note: {date} is after “{other}” ({title}), which usually comes after it and was "
        "{how}. If that is how it went, fine; if the date is a mistake: autohelper undo "
        "{step}{suffix}, then mark it with the right one.",
    },
    "status.still_done_run": {
        "es": "Sigue hecho: lo hizo la corrida del {date} ({command}). undo solo quita lo que "
        "marcaste con autohelper done; no puede desmarcar lo que hizo el portal.",
        "en": "It stays done: the run of {date} did it ({command}). undo only takes back what "
        "you marked with autohelper done; it cannot unmark what the portal did.",
    },
    "status.still_done_mark": {
        "es": "Sigue marcado como hecho el {date} (una marca anterior); para quitarla también: "
        "autohelper undo {step}{suffix}",
        "en": "It is still marked done on {date} (an earlier mark); to take that back too: "
        "autohelper undo {step}{suffix}",
    },
    "status.still_done_profile": {
        "es": "Sigue hecho según tu perfil (autohelper profile show{suffix}).",
        "en": "It stays done according to your profile (autohelper profile show{suffix}).",
    },
    "status.not_yet": {
        "es": "Todavía no: podrás hacerlo a partir del {date}.",
        "en": "Not yet: you can do it from {date}.",
    },
    "status.ask_run": {"es": "¿Lo corro ahora? ({command})", "en": "Run it now? ({command})"},
    "status.run_declined": {
        "es": "No corrí nada. Cuando quieras hacerlo: {command}",
        "en": "Nothing was run. When you want to do it: {command}",
    },
    "status.mark_declined": {
        "es": "No marqué nada. Cuando lo hayas hecho: {command}",
        "en": "Nothing was marked. Once done: {command}",
    },
    "status.ask_mark": {
        "es": "¿Ya lo hiciste? ¿Lo marco como hecho el {date}?",
        "en": "Did you do it already? Mark it done on {date}?",
    },
    "status.ask_mark_ended": {
        "es": "Cancelado: la entrada terminó sin tu respuesta; no marqué nada.",
        "en": "Cancelled: the input ended without your answer; nothing was marked.",
    },
    "status.ask_run_ended": {
        "es": "Cancelado: la entrada terminó sin tu respuesta; no corrí nada.",
        "en": "Cancelled: the input ended without your answer; nothing was run.",
    },
}

# A damaged row of the journal (autohelper/journal.py), found when `status` or `undo` reads it;
# the other journal messages are in core.py.
_JOURNAL: dict[str, dict[str, str]] = {
    "journal.damaged_row": {
        "es": "El diario {path} está dañado: la fila {row} de la tabla {table} tiene un valor "
        "ilegible en «{column}». Para apartarlo sin borrarlo y empezar uno nuevo: autohelper "
        "journal repair",
        "en": "The journal {path} is damaged: row {row} of the table {table} has an unreadable "
        "value in “{column}”. To set it aside without deleting it and start a new one: "
        "autohelper journal repair",
    },
}

MESSAGES: dict[str, dict[str, str]] = {**_PROCEDURE, **_STATUS, **_JOURNAL}
