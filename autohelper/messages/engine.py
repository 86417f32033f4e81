"""Messages of the engine, the person in the loop, targets and sessions."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "run.step": {"es": "Paso {n}/{total}: {description}", "en": "Step {n}/{total}: {description}"},
    "run.done": {"es": "Listo.", "en": "Done."},
    "run.retrying": {"es": "Intentemos de nuevo.", "en": "Let's try again."},
    "run.screenshot": {"es": "Captura guardada: {path}", "en": "Screenshot saved: {path}"},
    "run.portal_changed": {
        "es": "El portal cambió en este paso: «{step}». No encontré {target}.\n"
        "Página: {url}\nCaptura: {screenshot}\n"
        "El escenario necesita actualizarse; avísale a quien mantiene autohelper.",
        "en": "The portal changed at this step: “{step}”. Could not find {target}.\n"
        "Page: {url}\nScreenshot: {screenshot}\n"
        "The scenario needs updating; tell whoever maintains autohelper.",
    },
    "run.not_actionable": {
        "es": "No pude hacer el paso «{step}»: {target} está en la página, pero no se dejó "
        "(¿desactivado hasta hacer otra cosa antes, o tapado?). No seguí para no enviar sin "
        "él.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "I could not do the step “{step}”: {target} is on the page but did not respond "
        "(disabled until something else is done first, or covered?). I did not go on, so as "
        "not to send without it.\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.origin": {
        "es": "El navegador salió de los sitios permitidos en el paso «{step}» (fue a {where}). "
        "Me detuve para no escribir tus datos en otro sitio.\nCaptura: {screenshot}",
        "en": "The browser left the allowed sites at step “{step}” (it went to {where}). "
        "I stopped so your data is not typed into another site.\nScreenshot: {screenshot}",
    },
    "run.form_elsewhere": {
        "es": "El formulario del paso «{step}» enviaría tus datos a {where}, fuera de los sitios "
        "del portal: no lo envié.\nCaptura: {screenshot}",
        "en": "The form of step “{step}” would send your data to {where}, outside the portal's "
        "sites: I did not send it.\nScreenshot: {screenshot}",
    },
    "run.firewall_unnamed": {
        "es": "uno que el portal no tenía antes, o una verificación de que no eres un robot",
        "en": "one the portal did not have before, or a check that you are not a robot",
    },
    "run.firewall": {
        "es": "El portal respondió con una página de bloqueo o de verificación de su firewall "
        "({firewall}) en el paso «{step}».\n"
        "Página: {url}\nCaptura: {screenshot}\n"
        "No intentes evadirlo: espera un rato y vuelve a intentarlo desde tu navegador.",
        "en": "The portal answered with its firewall's block or check page ({firewall}) at step "
        "“{step}”.\n"
        "Page: {url}\nScreenshot: {screenshot}\n"
        "Do not try to get around it: wait a while and try again from your browser.",
    },
    "run.unavailable": {
        "es": "El portal no está disponible (error del servidor o mantenimiento) en el paso "
        "«{step}», aun después de reintentar.\nPágina: {url}\nCaptura: {screenshot}\n"
        "Inténtalo más tarde.",
        "en": "The portal is unavailable (server error or maintenance) at step “{step}”, even "
        "after retrying.\nPage: {url}\nScreenshot: {screenshot}\nTry again later.",
    },
    "run.frame_down": {
        "es": "El portal respondió con un error del servidor o una página de mantenimiento en el "
        "paso «{step}»: no está disponible ahora (no es que haya cambiado). No se envió nada en "
        "este paso. Inténtalo más tarde.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "The portal answered with a server error or a maintenance page at step “{step}”: "
        "it is unavailable right now (it did not change). Nothing was sent at this step. Try "
        "again later.\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.unavailable_after_submit": {
        "es": "Después de enviar, el portal respondió con un error o mantenimiento («{step}»). "
        "No sé si tu solicitud llegó: {check} antes de volver a intentarlo.\n"
        "Página: {url}\nCaptura: {screenshot}",
        "en": "After sending, the portal answered with an error or maintenance page (“{step}”). "
        "I cannot tell whether your request arrived: {check} before trying again.\n"
        "Page: {url}\nScreenshot: {screenshot}",
    },
    "run.unavailable_after_link": {
        "es": "Al abrir la liga de tu correo, el portal respondió con un error o mantenimiento "
        "(«{step}»). Tu solicitud sí llegó (la liga vino por correo): el portal no está "
        "disponible ahora. No la envíes otra vez: abre la misma liga más tarde, mientras "
        "siga vigente.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "When the link from your email was opened, the portal answered with an error or "
        "maintenance page (“{step}”). Your request did arrive (the link came by email): the "
        "portal is unavailable right now. Do not send it again: open the same link later, "
        "while it is still valid.\nPage: {url}\nScreenshot: {screenshot}",
    },
    # Where a person can tell whether a send went through (Runner.where_to_check).
    "run.check.email": {
        "es": "revisa tu correo y el portal",
        "en": "check your email and the portal",
    },
    "run.check.portal": {
        "es": "revisa en el portal si quedó registrada",
        "en": "check in the portal whether it was registered",
    },
    "run.check_also.email": {"es": "el portal y tu correo", "en": "the portal and your email"},
    "run.check_also.portal": {"es": "el portal", "en": "the portal"},
    "run.unavailable_after_link_used": {
        "es": "El portal tomó la liga de tu correo y te llevó a otra página, que respondió con "
        "un error o mantenimiento («{step}»), aun después de reintentar. Tu solicitud sí llegó, "
        "pero esa liga ya quedó usada: no la abras otra vez (diría que ya se utilizó). Si el "
        "portal manda el resultado por correo, búscalo ahí; si no llega, haz una solicitud "
        "nueva más tarde.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "The portal took the link from your email and sent you on to another page, which "
        "answered with an error or maintenance page (“{step}”), even after retrying. Your "
        "request did arrive, but that link is used up: do not open it again (it would say it "
        "was already used). If the portal emails the result, look for it there; if it does "
        "not come, make a new request later.\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.submit_unknown": {
        "es": "Envié la solicitud pero el portal no respondió a tiempo («{step}»). Puede que sí "
        "haya llegado: {check} antes de volver a intentarlo.\n"
        "Página: {url}\nCaptura: {screenshot}",
        "en": "I sent the request but the portal did not answer in time (“{step}”). It may have "
        "arrived: {check} before trying again.\n"
        "Page: {url}\nScreenshot: {screenshot}",
    },
    "run.sign_in_unanswered": {
        "es": "El portal no respondió a tiempo al iniciar sesión («{step}»). Tu solicitud no se "
        "envió: aún no se había llenado. Vuelve a intentarlo en un rato.\n"
        "Página: {url}\nCaptura: {screenshot}",
        "en": "The portal did not answer the sign-in in time (“{step}”). Your request was not "
        "sent: it had not been filled in yet. Try again in a while.\n"
        "Page: {url}\nScreenshot: {screenshot}",
    },
    "run.not_sent": {
        "es": "El portal no aceptó el formulario en el paso «{step}»: no se envió nada. "
        "Revisa los mensajes en la página.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "The portal did not accept the form at step “{step}”: nothing was sent. "
        "Check the messages on the page.\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.field_lost": {
        "es": "No envié nada: justo antes de «{step}», un campo ya no tenía lo que confirmaste "
        "(«{field}»: la página lo borró o lo cambió) y no lo conservó al escribirlo otra vez. "
        "Vuelve a correr el trámite; si se repite, escribe a la mesa de ayuda del portal.\n"
        "Página: {url}\nCaptura: {screenshot}",
        "en": "Nothing was sent: right before “{step}”, a field no longer held what you "
        "confirmed (“{field}”: the page erased or changed it) and did not keep it when typed "
        "again. Run the procedure again; if it happens again, write to the portal's help desk.\n"
        "Page: {url}\nScreenshot: {screenshot}",
    },
    "run.declined": {
        "es": "No confirmaste el envío («{step}»): no se envió nada.",
        "en": "You did not confirm sending (“{step}”): nothing was sent.",
    },
    "run.plain_http": {
        "es": "Aviso: la página donde vas a escribir tu contraseña ({origin}) no está cifrada "
        "(http://, sin candado): lo que escribes ahí viaja por la red sin protección. Así funciona "
        "ese portal; no es un error. Mejor no lo hagas desde una red Wi-Fi pública.",
        "en": "Note: the page where you will type your password ({origin}) is not encrypted "
        "(http://, no padlock): what you type there travels over the network unprotected. That is "
        "how that portal works; it is not an error. Better not do it on a public Wi-Fi network.",
    },
    "run.answered_no": {
        "es": "Respondiste que no («{step}»): me detengo sin llenar ni enviar nada.\n{advice}",
        "en": "You answered no (“{step}”): stopping without filling in or sending anything.\n"
        "{advice}",
    },
    "run.unknown": {
        "es": "No reconozco la respuesta del portal en el paso «{step}».\n"
        "Página: {url}\nCaptura: {screenshot}\n"
        "Revisa la página y {check_also} antes de volver a intentarlo.",
        "en": "I do not recognise the portal's answer at step “{step}”.\n"
        "Page: {url}\nScreenshot: {screenshot}\n"
        "Check the page and {check_also} before trying again.",
    },
    "run.still_waiting": {
        "es": "Sigo esperando la respuesta del portal a «{step}» (hasta {seconds} s). No "
        "cierres el navegador ni vuelvas a presionar el botón.",
        "en": "Still waiting for the portal's answer to “{step}” (up to {seconds} s). Do not "
        "close the browser or press the button again.",
    },
    "run.press_again": {
        "es": "El portal no respondió a «{step}». Lo intento una vez más (solo es una consulta: "
        "no envía nada).",
        "en": "The portal did not answer “{step}”. Trying once more (it only asks: it sends "
        "nothing).",
    },
    "run.portal_also": {
        "es": "El portal también dice (léelo: puede pedirte algo más): «{words}»",
        "en": "The portal also says (read it: it may ask something more of you): “{words}”",
    },
    "run.portal_error": {
        "es": "El portal respondió: «{portal}»\n{advice}\nPaso: «{step}» · Captura: {screenshot}",
        "en": "The portal answered: “{portal}”\n{advice}\n"
        "Step: “{step}” · Screenshot: {screenshot}",
    },
    "run.too_many_attempts": {
        "es": "Lo intentamos {n} veces y el portal respondió lo mismo: «{portal}». Me detengo "
        "aquí («{step}»).\n{then}\nCaptura: {screenshot}",
        "en": "We tried {n} times and the portal answered the same: “{portal}”. Stopping here "
        "(“{step}”).\n{then}\nScreenshot: {screenshot}",
    },
    "run.too_many_attempts_quiet": {
        "es": "Lo intentamos {n} veces y el portal dio la misma respuesta cada vez. Me detengo "
        "aquí («{step}»).\n{then}\nCaptura: {screenshot}",
        "en": "We tried {n} times and the portal gave the same answer each time. Stopping here "
        "(“{step}”).\n{then}\nScreenshot: {screenshot}",
    },
    "run.try_later": {
        "es": "Vuelve a intentarlo con calma más tarde.",
        "en": "Try again calmly later.",
    },
    "run.unexpected_dialog": {
        "es": "El portal abrió un diálogo que el escenario no esperaba en el paso «{step}»: "
        "«{text}». Lo cerré sin aceptarlo, así que no se envió nada por él.\n"
        "Página: {url}\nCaptura: {screenshot}\nEl escenario necesita actualizarse.",
        "en": "The portal opened a dialog the scenario did not expect at step “{step}”: “{text}”. "
        "I closed it without accepting, so nothing was sent through it.\n"
        "Page: {url}\nScreenshot: {screenshot}\nThe scenario needs updating.",
    },
    "run.portal_notice": {
        "es": "El portal mostró un aviso: «{text}». Solo tenía «Aceptar»: lo cerré y sigo.",
        "en": "The portal showed a notice: “{text}”. It only had “OK”: I closed it and am going "
        "on.",
    },
    "run.unexpected_dialog_after_send": {
        "es": "Después de enviar, el portal abrió un diálogo que el escenario no esperaba "
        "(«{step}»): «{text}». Lo cerré sin aceptarlo. No sé si tu solicitud llegó: {check} "
        "antes de volver a intentarlo.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "After sending, the portal opened a dialog the scenario did not expect (“{step}”): "
        "“{text}”. I closed it without accepting. I cannot tell whether your request arrived: "
        "{check} before trying again.\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.no_download": {
        "es": "En el paso «{step}» no llegó el archivo: el portal mostró una página en lugar de "
        "entregarlo, o no respondió.\nPágina: {url}\nCaptura: {screenshot}\nSi el portal te "
        "lo mandó por correo, guárdalo desde ahí. El escenario puede necesitar actualizarse.",
        "en": "At step “{step}” the file did not come: the portal showed a page instead of "
        "handing it over, or did not answer.\nPage: {url}\nScreenshot: {screenshot}\nIf the "
        "portal emailed it to you, save it from there. The scenario may need updating.",
    },
    "run.covered": {
        "es": "En el paso «{step}» una ventana del portal tapa la página: «{words}». No pude "
        "seguir debajo de ella; no se envió nada en este paso. Vuelve a correr el trámite; si "
        "la ventana sale otra vez, el escenario necesita saber de ella (avísale a quien "
        "mantiene autohelper).\nPágina: {url}\nCaptura: {screenshot}",
        "en": "At step “{step}” a window of the portal covers the page: “{words}”. I could not "
        "go on under it; nothing was sent at this step. Run the procedure again; if the window "
        "shows again, the scenario needs to know about it (tell whoever maintains "
        "autohelper).\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.field_too_long": {
        "es": "En el paso «{step}» el campo del portal admite hasta {limit} caracteres y tu dato "
        "tiene {length}: se cortaría, así que no envié nada. Acórtalo como lo escribirías en el "
        "formulario{fix} y vuelve a correr el trámite.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "At step “{step}” the portal's field takes at most {limit} characters and your "
        "value has {length}: it would be cut short, so nothing was sent. Shorten it as you "
        "would write it in the form{fix} and run the procedure again.\nPage: {url}\n"
        "Screenshot: {screenshot}",
    },
    "run.field_fix": {
        "es": " (autohelper profile set {field}=…)",
        "en": " (autohelper profile set {field}=…)",
    },
    "run.expired": {
        "es": "El portal cerró tu sesión (venció). Inicia sesión otra vez y seguimos donde íbamos.",
        "en": "The portal ended your session (it expired). Sign in again and we go on from where "
        "we were.",
    },
    "run.expired_again": {
        "es": "El portal volvió a cerrar la sesión en el paso «{step}», justo después de iniciarla "
        "otra vez. Me detengo para no insistir.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "The portal ended the session again at step “{step}”, right after signing in "
        "again. Stopping so as not to insist.\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.secret_not_given": {
        "es": "No se volvió a dar «{name}», así que no se envió nada más.",
        "en": "“{name}” was not given again, so nothing more was sent.",
    },
    "run.no_option": {
        "es": "La lista del paso «{step}» no tiene la opción «{option}».\nPágina: {url}\n"
        "Captura: {screenshot}",
        "en": "The list at step “{step}” has no option “{option}”.\nPage: {url}\n"
        "Screenshot: {screenshot}",
    },
    "run.no_options": {
        "es": "La lista del paso «{step}» no ofreció opciones a tiempo.\nPágina: {url}\n"
        "Captura: {screenshot}",
        "en": "The list at step “{step}” offered no options in time.\nPage: {url}\n"
        "Screenshot: {screenshot}",
    },
    "run.no_options_said": {
        "es": "La lista del paso «{step}» no ofreció opciones, y el portal dice: «{portal}»\n"
        "Página: {url}\nCaptura: {screenshot}",
        "en": "The list at step “{step}” offered no options, and the portal says: “{portal}”\n"
        "Page: {url}\nScreenshot: {screenshot}",
    },
    "run.no_choice": {
        "es": "No se eligió ninguna opción en «{step}»: no se envió nada.",
        "en": "No option was chosen at “{step}”: nothing was sent.",
    },
    "run.chose_remembered": {
        "es": "Elegí la opción que dice tu perfil: {choice}",
        "en": "I chose the option your profile gives: {choice}",
    },
    "run.captcha_empty": {
        "es": "El CAPTCHA está vacío: nunca lo envío así. Escríbelo, por favor.",
        "en": "The CAPTCHA is empty: I never send it like that. Please type it.",
    },
    "run.document_answer": {
        "es": "{said}\n{advice}\nPaso: «{step}»",
        "en": "{said}\n{advice}\nStep: “{step}”",
    },
    "run.no_document": {
        "es": "No hay un documento «{name}» que leer en el paso «{step}» (no se descargó).",
        "en": "There is no document “{name}” to read at step “{step}” (it was not downloaded).",
    },
    "run.unknown_document": {
        "es": "No reconozco lo que dice el documento «{name}» en el paso «{step}». Ábrelo tú y "
        "revísalo.",
        "en": "I do not recognise what the document “{name}” says at step “{step}”. Open it and "
        "check it yourself.",
    },
    "run.not_the_link": {
        "es": "Esa no es la liga (la del correo del portal contiene «{contains}»); pégala otra "
        "vez o escribe «salir».",
        "en": "That is not the link (the one in the portal's email contains “{contains}”); paste "
        "it again or type “quit”.",
    },
    "run.captcha_broken": {
        "es": "La imagen del CAPTCHA no cargó («{step}»), ni al pedir otra: no hay nada que leer. "
        "No se envió nada. Vuelve a intentarlo en un rato.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "The CAPTCHA image did not load (“{step}”), not even when asked for another: there "
        "is nothing to read. Nothing was sent. Try again in a while.\nPage: {url}\n"
        "Screenshot: {screenshot}",
    },
    "run.link_piece": {
        "es": "Eso parece solo el principio de la liga (tu correo la partió en dos líneas): pega "
        "también lo que sigue, o escribe «salir».",
        "en": "That looks like only the start of the link (your email split it over two lines): "
        "paste what follows too, or type “quit”.",
    },
    "run.link_elsewhere": {
        "es": "Esa dirección lleva «{contains}», pero va a otro sitio: tu correo la envolvió "
        "para revisarla antes (como hace Outlook). Abre el correo y copia la liga original, la "
        "que empieza con una de estas direcciones: {hosts}; o escribe «salir».",
        "en": "That address holds “{contains}”, but goes to another site: your email wrapped it "
        "to check it first (as Outlook does). Open the email and copy the original link, the "
        "one starting with one of these addresses: {hosts}; or type “quit”.",
    },
    "run.link_not_opened": {
        "es": "No veo la liga abierta en el navegador. Ábrela ahí o pégala aquí, o escribe "
        "«salir».",
        "en": "I do not see the link open in the browser. Open it there or paste it here, or "
        "type “quit”.",
    },
    "run.link_later": {
        "es": "Dejaste la liga para después («{step}»). Tu solicitud ya se envió: no la envíes "
        "otra vez. La liga vale solo el día en que llegó; cuando la tengas, retoma esta sesión.",
        "en": "You left the link for later (“{step}”). Your request was already sent: do not send "
        "it again. The link is valid only on the day it arrived; once you have it, resume this "
        "session.",
    },
    "run.link_later_demo": {
        "es": "Saliste en la liga («{step}»). El portal simulado incluido olvida sus ligas al "
        "cerrarse: esta demostración no se puede retomar; para practicar otra vez, empieza de "
        "nuevo.",
        "en": "You stopped at the link (“{step}”). The bundled mock portal forgets its links "
        "when it stops: this demo cannot be resumed; to practise again, start over.",
    },
    "human.captcha_saved": {
        "es": "La imagen del CAPTCHA está en: {path}",
        "en": "The CAPTCHA image is at: {path}",
    },
    "human.captcha_prompt": {
        "es": "Escribe los caracteres de la imagen (distingue mayúsculas y minúsculas; intento "
        "{attempt}). Si prefieres escribirlo en el navegador, hazlo y deja esto vacío; "
        "escribe ? para ver otra imagen",
        "en": "Type the characters in the image (case-sensitive; attempt {attempt}). If you "
        "prefer to type it in the browser, do so and leave this empty; type ? for another "
        "image",
    },
    "human.captcha_prompt_headless": {
        "es": "Escribe los caracteres de la imagen (distingue mayúsculas y minúsculas; intento "
        "{attempt}); escribe ? para ver otra imagen",
        "en": "Type the characters in the image (case-sensitive; attempt {attempt}); type ? for "
        "another image",
    },
    "human.captcha_practice": {
        "es": "Práctica con el portal simulado, sin pantalla para ver la imagen: dice «{text}». "
        "(Con el portal real tendrás que leerla tú.)",
        "en": "Practice on the mock portal, with no display to see the image: it says “{text}”. "
        "(On the real portal you will have to read it yourself.)",
    },
    "human.confirm_title": {
        "es": "{title}. Esto es lo que se enviará:",
        "en": "{title}. This is what will be sent:",
    },
    "human.confirm_prompt": {"es": "¿Lo envío?", "en": "Send it?"},
    "human.manual_prompt": {
        "es": "{instruction}\nCuando termines, presiona Enter",
        "en": "{instruction}\nWhen you are done, press Enter",
    },
    "human.email_link_prompt": {
        "es": "Te llegó un correo del portal con una liga. Pégala aquí, o ábrela en este mismo "
        "navegador y presiona Enter (escribe «salir» para dejarla para después)",
        "en": "The portal emailed you a link. Paste it here, or open it in this same browser and "
        "press Enter (type “quit” to leave it for later)",
    },
    "human.email_link_prompt_headless": {
        "es": "Te llegó un correo del portal con una liga. Cópiala de tu correo y pégala aquí "
        "(escribe «salir» para dejarla para después)",
        "en": "The portal emailed you a link. Copy it from your email and paste it here (type "
        "“quit” to leave it for later)",
    },
    "human.email_link_prompt_practice": {
        "es": "Ese es el correo que mandó el portal simulado (arriba). Copia su liga y pégala "
        "aquí (escribe «salir» para dejarla para después)",
        "en": "That is the email the mock portal sent (above). Copy its link and paste it here "
        "(type “quit” to leave it for later)",
    },
    "human.link_empty": {
        "es": "No escribiste nada. Pega la liga del correo, o escribe «salir».",
        "en": "You typed nothing. Paste the link from the email, or type “quit”.",
    },
    "human.mail_heading": {
        "es": "Correo recibido (portal simulado: con el real llega a tu buzón):",
        "en": "Email received (mock portal: with the real one it arrives in your inbox):",
    },
    "human.mail_to": {"es": "Para: {to}", "en": "To: {to}"},
    "human.mail_subject": {"es": "Asunto: {subject}", "en": "Subject: {subject}"},
    "human.firewall_headless": {
        "es": "El portal mostró una página de su firewall (bloqueo o verificación) y el "
        "navegador va oculto, así que no puedes resolverla desde aquí. Espera un rato y vuelve "
        "a intentarlo con el navegador visible (--headed).",
        "en": "The portal showed a firewall page (block or check) and the browser is hidden, so "
        "you cannot solve it from here. Wait a while and try again with the browser visible "
        "(--headed).",
    },
    "human.firewall": {
        "es": "El portal mostró una página de su firewall (bloqueo o verificación). Si en el "
        "navegador ves una verificación, resuélvela tú.",
        "en": "The portal showed a firewall page (block or check). If the browser shows a "
        "check, solve it yourself.",
    },
    "human.firewall_prompt": {
        "es": "¿Ya puedes ver el portal normal y seguimos?",
        "en": "Can you see the normal portal now, shall we go on?",
    },
    "human.no_oracle": {
        "es": "Este sitio no tiene el oráculo de CAPTCHA/correo de un simulador: el modo QA solo "
        "funciona contra portales simulados (--against fixtures o un espejo).",
        "en": "This site has no mock CAPTCHA/email oracle: QA mode only works against mock "
        "portals (--against fixtures or a mirror).",
    },
    "human.no_email_link": {
        "es": "No encontré en el buzón del simulador un correo con una liga que contenga "
        "«{contains}».",
        "en": "No email with a link containing “{contains}” in the mock's outbox.",
    },
    "target.mirror_unreachable": {
        "es": "No se pudo conectar con el espejo {url}: {reason}. Revisa la dirección y que el "
        "espejo esté corriendo (por ejemplo, autohelper mock serve).",
        "en": "Could not connect to the mirror {url}: {reason}. Check the address and that the "
        "mirror is running (for example, autohelper mock serve).",
    },
    "target.mirror_refused": {
        "es": "rechazó la conexión (¿no está corriendo?)",
        "en": "it refused the connection (is it not running?)",
    },
    "target.mirror_timeout": {"es": "no respondió a tiempo", "en": "it did not answer in time"},
    "target.mirror_unknown_host": {
        "es": "no existe un servidor con ese nombre",
        "en": "there is no server by that name",
    },
    "target.mirror_other": {
        "es": "la red no lo alcanza",
        "en": "the network does not reach it",
    },
    "target.mirror_not_http": {
        "es": "no responde como un servidor HTTP",
        "en": "it does not answer as an HTTP server",
    },
    "target.mirror_tls": {
        "es": "no habla HTTPS en esa dirección (¿es http://?)",
        "en": "it does not speak HTTPS at that address (is it http://?)",
    },
    "target.mirror_closed": {
        "es": "cerró la conexión sin responder (si es un servidor HTTPS, escribe https://)",
        "en": "it closed the connection without an answer (if it is an HTTPS server, write "
        "https://)",
    },
    "front.mirror_failed": {
        "es": "El espejo {url} no dio una respuesta que se pueda usar: {problem}.",
        "en": "The mirror {url} gave no answer that can be used: {problem}.",
    },
    "front.problem_cut": {
        "es": "su respuesta llegó cortada (menos bytes de los que anunció)",
        "en": "its answer was cut short (fewer bytes than it announced)",
    },
    "front.problem_encoding": {
        "es": "respondió comprimido con «{encoding}», que no sé descomprimir (se le pidió solo "
        "gzip o deflate)",
        "en": "it answered compressed with “{encoding}”, which I cannot unpack (it was asked "
        "for gzip or deflate only)",
    },
    "front.problem_compressed": {
        "es": "su respuesta comprimida (gzip o deflate) está dañada",
        "en": "its compressed answer (gzip or deflate) is damaged",
    },
    "front.problem_connection": {
        "es": "cortó la conexión sin terminar de responder",
        "en": "it closed the connection before its answer was complete",
    },
    "front.problem_other": {
        "es": "falló de una forma inesperada (detalles en el registro, -vv)",
        "en": "it failed in an unexpected way (details in the log, -vv)",
    },
    "target.bad_against": {
        "es": "--against acepta live, fixtures o una URL http(s)://…; recibí «{value}».",
        "en": "--against takes live, fixtures or an http(s)://… URL; got “{value}”.",
    },
    "target.bad_mirror_url": {
        "es": "--against: «{value}» no es una URL de espejo que pueda usar: {reason}. Se escribe "
        "así: http://127.0.0.1:8000 (o https://servidor[:puerto][/ruta]).",
        "en": "--against: “{value}” is not a mirror URL I can use: {reason}. It is written like "
        "this: http://127.0.0.1:8000 (or https://server[:port][/path]).",
    },
    "target.url_space": {
        "es": "tiene espacios o caracteres de control",
        "en": "it has spaces or control characters",
    },
    "target.url_live": {
        "es": "es un portal real, no un espejo (para el portal real: --against live; QA nunca "
        "corre contra él)",
        "en": "it is a real portal, not a mirror (for the real portal: --against live; QA never "
        "runs against it)",
    },
    "target.url_host": {
        "es": "el nombre del servidor no es válido (por ejemplo 127.0.0.1, [::1] o "
        "espejo.example.com)",
        "en": "the server name is not valid (for example 127.0.0.1, [::1] or mirror.example.com)",
    },
    "target.url_port": {
        "es": "el puerto debe ser un número entre 1 y 65535",
        "en": "the port must be a number from 1 to 65535",
    },
    "target.url_credentials": {
        "es": "lleva usuario o contraseña (…@); autohelper no los envía a un espejo: quítalos "
        "de la URL",
        "en": "it carries a user name or password (…@); autohelper does not send them to a "
        "mirror: remove them from the URL",
    },
    "target.url_query": {
        "es": "lleva una consulta (?…) o un fragmento (#…); un espejo se indica solo con el "
        "servidor, el puerto y, si hace falta, una ruta",
        "en": "it has a query (?…) or a fragment (#…); a mirror is given by its server, port "
        "and, if needed, a path only",
    },
    "target.url_path": {
        "es": "la ruta tiene caracteres que una URL no lleva tal cual (escríbelos como %XX)",
        "en": "the path has characters a URL does not carry as they are (write them as %XX)",
    },
    "run.network": {
        "es": "No pude llegar al portal en el paso «{step}» (¿sin internet, o el portal no "
        "responde?), aun después de reintentar.\nPágina: {url}\nCaptura: {screenshot}\n"
        "Revisa tu conexión e inténtalo más tarde.",
        "en": "Could not reach the portal at step “{step}” (no internet, or the portal does not "
        "answer?), even after retrying.\nPage: {url}\nScreenshot: {screenshot}\n"
        "Check your connection and try again later.",
    },
    "run.redirect_loop": {
        "es": "El portal manda al navegador en un ciclo de redirecciones en el paso «{step}»: "
        "la página nunca llega. No es tu conexión: es un problema del portal.\n"
        "Página: {url}\nCaptura: {screenshot}\nInténtalo más tarde.",
        "en": "The portal sends the browser round a loop of redirects at step “{step}”: the "
        "page never arrives. It is not your connection: the portal has a problem.\n"
        "Page: {url}\nScreenshot: {screenshot}\nTry again later.",
    },
    "run.yield_not_read.email": {
        "es": "No pude leer «{name}» en la respuesta del portal: búscalo tú en la página (o en "
        "tu correo).",
        "en": "Could not read “{name}” in the portal's answer: look for it on the page (or in "
        "your email).",
    },
    "run.yield_not_read.portal": {
        "es": "No pude leer «{name}» en la respuesta del portal: búscalo tú en la página.",
        "en": "Could not read “{name}” in the portal's answer: look for it on the page.",
    },
    "run.page_not_loaded": {
        "es": "La página no cargó en el paso «{step}»: el navegador no pudo abrir {where} "
        "({reason}). No es un cambio del portal: quizá está caído.\n"
        "Captura: {screenshot}\nInténtalo más tarde.",
        "en": "The page did not load at step “{step}”: the browser could not open {where} "
        "({reason}). It is no change of the portal: perhaps it is down.\n"
        "Screenshot: {screenshot}\nTry again later.",
    },
    "run.page_not_loaded_mirror": {
        "es": "La página no cargó en el paso «{step}»: el navegador no pudo abrir {where} "
        "({reason}). Contra un espejo o el simulado, un sitio que no está entre los del portal "
        "(origins: en scenarios/portals/) no se alcanza nunca: revisa que el espejo sirva esa "
        "página y que su sitio esté declarado.\nCaptura: {screenshot}",
        "en": "The page did not load at step “{step}”: the browser could not open {where} "
        "({reason}). Against a mirror or the mock, a site that is not among the portal's "
        "(origins: in scenarios/portals/) is never reached: check that the mirror serves that "
        "page and that its site is declared.\nScreenshot: {screenshot}",
    },
    "run.redirect_loop_mirror": {
        "es": "El espejo (o el portal simulado) manda al navegador en un ciclo de redirecciones "
        "en el paso «{step}»: la página nunca llega. Revisa las redirecciones del espejo (su "
        "encabezado Location) y el prefijo de ruta de --against.\n"
        "Página: {url}\nCaptura: {screenshot}",
        "en": "The mirror (or the mock portal) sends the browser round a loop of redirects at "
        "step “{step}”: the page never arrives. Check the mirror's redirects (its Location "
        "header) and the path prefix of --against.\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.tls": {
        "es": "La conexión segura (HTTPS) falló en el paso «{step}»: {reason}. No es falta de "
        "internet: el certificado del sitio no es válido, o algo en tu red (un wifi público con "
        "página de acceso, un proxy) se interpone. No escribas tus datos ahí; prueba en otra red "
        "o más tarde.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "The secure (HTTPS) connection failed at step “{step}”: {reason}. It is not a "
        "lack of internet: the site's certificate is not valid, or something on your network (a "
        "public wifi with a sign-in page, a proxy) is in the way. Do not type your data there; "
        "try another network or later.\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.page_gone": {
        "es": "La página del paso «{step}» ya no existe: el portal respondió {status} en {url}. "
        "El portal cambió; el escenario necesita actualizarse: avísale a quien mantiene "
        "autohelper.\nCaptura: {screenshot}",
        "en": "The page of step “{step}” no longer exists: the portal answered {status} at "
        "{url}. The portal changed; the scenario needs updating: tell whoever maintains "
        "autohelper.\nScreenshot: {screenshot}",
    },
    "run.target_not_found": {
        "es": "El destino de --against respondió {status} (no tiene esa página) al abrir {url} "
        "en el paso «{step}». No quiere decir que el portal cambió: si es un espejo, revisa su "
        "dirección y su prefijo de ruta (esta página va en <espejo>{path}).\n"
        "Captura: {screenshot}",
        "en": "The --against target answered {status} (it has no such page) when opening {url} "
        "at step “{step}”. That does not mean the portal changed: for a mirror, check its "
        "address and its path prefix (this page belongs at <mirror>{path}).\n"
        "Screenshot: {screenshot}",
    },
    "run.slow": {
        "es": "La página del paso «{step}» no terminó de cargar a tiempo, aun después de "
        "reintentar (el portal está lento o no responde).\nPágina: {url}\nCaptura: {screenshot}\n"
        "Inténtalo más tarde.",
        "en": "The page of step “{step}” did not finish loading in time, even after retrying "
        "(the portal is slow or does not answer).\nPage: {url}\nScreenshot: {screenshot}\n"
        "Try again later.",
    },
    "run.step_failed": {
        "es": "El paso «{step}» falló: {reason}\nPágina: {url}\nCaptura: {screenshot}",
        "en": "Step “{step}” failed: {reason}\nPage: {url}\nScreenshot: {screenshot}",
    },
    "human.secret_unattended": {
        "es": "El portal pide otra vez {name} y nadie está en el teclado para escribir ese dato: "
        "no reenvío por mi cuenta el de {env} (una contraseña reintentada por la máquina puede "
        "bloquear la cuenta).",
        "en": "The portal asks for {name} again and nobody is at the keyboard to type it: I do "
        "not re-send the one from {env} on my own (a password retried by machine can lock the "
        "account).",
    },
    "human.secret_again": {
        "es": "El portal pide otra vez {name}. Tienes que escribir ese dato tú (no lo guardo ni "
        "lo reenvío por mi cuenta); deja vacío para no enviar nada más.",
        "en": "The portal asks for {name} again. Type it yourself (I neither keep it nor "
        "re-send it on my own); leave it empty to send nothing more.",
    },
    "human.hand_off": {
        "es": "No encontré en la página lo que el paso «{step}» busca ({target}): el portal puede "
        "haber cambiado. Puedes hacerlo tú en el navegador.",
        "en": "I could not find on the page what step “{step}” looks for ({target}): the portal "
        "may have changed. You can do it yourself in the browser.",
    },
    "human.unknown_answer": {
        "es": "No reconozco lo que el portal muestra después de «{step}». Mira el navegador: si "
        "es un aviso que se puede pasar (por ejemplo, con «Continuar» o «Aceptar»), pásalo tú, "
        "sin volver a enviar nada ni a presionar «Guardar» o «Enviar»; vuelvo a leer la "
        "respuesta.",
        "en": "I do not recognise what the portal shows after “{step}”. Look at the browser: if "
        "it is a notice you can pass (with “Continuar” or “Aceptar”, for instance), pass it "
        "yourself, without sending anything again or pressing “Guardar” or “Enviar”; I will "
        "read the answer again.",
    },
    "human.hand_off_value": {
        "es": "El valor de tu perfil para ese campo: {value} (escribe «ver» para verlo completo).",
        "en": "The value from your profile for that field: {value} (type “show” to see it in "
        "full).",
    },
    "human.hand_off_secret": {
        "es": "Ese campo lleva tu contraseña ({value}): escríbela tú.",
        "en": "That field takes your password ({value}): type it yourself.",
    },
    "human.hand_off_prompt": {
        "es": "Cuando lo hayas hecho, presiona Enter (o escribe «salir» para detenerte)",
        "en": "When you are done, press Enter (or type “quit” to stop)",
    },
    "human.choose_title": {"es": "{title}. Opciones:", "en": "{title}. Options:"},
    "human.choose_prompt": {
        "es": "Escribe el número de tu opción",
        "en": "Type your option's number",
    },
    "human.choose_invalid": {
        "es": "Escribe un número del 1 al {n}.",
        "en": "Type a number from 1 to {n}.",
    },
    "human.yes_no_default_no": {"es": "[s/N]", "en": "[y/N]"},
    "human.yes_no_default_yes": {"es": "[S/n]", "en": "[Y/n]"},
    "human.yes_no_invalid": {
        "es": "Responde s (sí) o n (no).",
        "en": "Answer y (yes) or n (no).",
    },
}
