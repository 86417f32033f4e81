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
    "run.origin": {
        "es": "El navegador salió de los sitios permitidos en el paso «{step}» (fue a {where}). "
        "Me detuve para no escribir tus datos en otro sitio.\nCaptura: {screenshot}",
        "en": "The browser left the allowed sites at step “{step}” (it went to {where}). "
        "I stopped so your data is not typed into another site.\nScreenshot: {screenshot}",
    },
    "run.firewall": {
        "es": "El portal respondió con una página de bloqueo de su firewall en el paso «{step}».\n"
        "Página: {url}\nCaptura: {screenshot}\n"
        "No intentes evadirlo: espera un rato y vuelve a intentarlo desde tu navegador.",
        "en": "The portal answered with its firewall's block page at step “{step}”.\n"
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
    "run.unavailable_after_submit": {
        "es": "Después de enviar, el portal respondió con un error o mantenimiento («{step}»). "
        "No sé si tu solicitud llegó: revisa tu correo antes de volver a intentarlo.\n"
        "Página: {url}\nCaptura: {screenshot}",
        "en": "After sending, the portal answered with an error or maintenance page (“{step}”). "
        "I cannot tell whether your request arrived: check your email before trying again.\n"
        "Page: {url}\nScreenshot: {screenshot}",
    },
    "run.submit_unknown": {
        "es": "Envié la solicitud pero el portal no respondió a tiempo («{step}»). Puede que sí "
        "haya llegado: revisa tu correo o el portal antes de volver a intentarlo.\n"
        "Página: {url}\nCaptura: {screenshot}",
        "en": "I sent the request but the portal did not answer in time (“{step}”). It may have "
        "arrived: check your email or the portal before trying again.\n"
        "Page: {url}\nScreenshot: {screenshot}",
    },
    "run.not_sent": {
        "es": "El portal no aceptó el formulario en el paso «{step}»: no se envió nada. "
        "Revisa los mensajes en la página.\nPágina: {url}\nCaptura: {screenshot}",
        "en": "The portal did not accept the form at step “{step}”: nothing was sent. "
        "Check the messages on the page.\nPage: {url}\nScreenshot: {screenshot}",
    },
    "run.declined": {
        "es": "No confirmaste el envío («{step}»): no se envió nada.",
        "en": "You did not confirm sending (“{step}”): nothing was sent.",
    },
    "run.unknown": {
        "es": "No reconozco la respuesta del portal en el paso «{step}».\n"
        "Página: {url}\nCaptura: {screenshot}\n"
        "Revisa la página y tu correo antes de volver a intentarlo.",
        "en": "I do not recognise the portal's answer at step “{step}”.\n"
        "Page: {url}\nScreenshot: {screenshot}\n"
        "Check the page and your email before trying again.",
    },
    "run.portal_error": {
        "es": "El portal respondió: «{portal}»\n{advice}\nPaso: «{step}» · Captura: {screenshot}",
        "en": "The portal answered: “{portal}”\n{advice}\n"
        "Step: “{step}” · Screenshot: {screenshot}",
    },
    "run.too_many_attempts": {
        "es": "El CAPTCHA no coincidió {n} veces; me detengo aquí («{step}»). El portal dijo: "
        "«{portal}». Vuelve a intentarlo con calma más tarde.\nCaptura: {screenshot}",
        "en": "The CAPTCHA did not match {n} times; stopping here (“{step}”). The portal said: "
        "“{portal}”. Try again calmly later.\nScreenshot: {screenshot}",
    },
    "run.bad_link": {
        "es": "Esa liga no es la del correo del portal (debe ser de un sitio permitido y "
        "contener la ruta esperada). Paso: «{step}».",
        "en": "That link is not the one from the portal's email (it must be on an allowed site "
        "and contain the expected path). Step: “{step}”.",
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
        "es": "Te llegó un correo del IMSS con una liga de confirmación. Pégala aquí (o ábrela "
        "en este mismo navegador y presiona Enter)",
        "en": "IMSS emailed you a confirmation link. Paste it here (or open it in this same "
        "browser and press Enter)",
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
    "target.bad_against": {
        "es": "--against acepta live, fixtures o una URL http(s)://…; recibí «{value}».",
        "en": "--against takes live, fixtures or an http(s)://… URL; got “{value}”.",
    },
    "run.network": {
        "es": "No pude llegar al portal en el paso «{step}» (¿sin internet, o el portal no "
        "responde?), aun después de reintentar.\nPágina: {url}\nCaptura: {screenshot}\n"
        "Revisa tu conexión e inténtalo más tarde.",
        "en": "Could not reach the portal at step “{step}” (no internet, or the portal does not "
        "answer?), even after retrying.\nPage: {url}\nScreenshot: {screenshot}\n"
        "Check your connection and try again later.",
    },
    "run.step_failed": {
        "es": "El paso «{step}» falló: {reason}\nPágina: {url}\nCaptura: {screenshot}",
        "en": "Step “{step}” failed: {reason}\nPage: {url}\nScreenshot: {screenshot}",
    },
    "human.yes_no_default_no": {"es": "[s/N]", "en": "[y/N]"},
    "human.yes_no_default_yes": {"es": "[S/n]", "en": "[Y/n]"},
    "human.yes_no_invalid": {
        "es": "Responde s (sí) o n (no).",
        "en": "Answer y (yes) or n (no).",
    },
}
