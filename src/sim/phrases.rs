//! Guest-side text: names and questions in eight languages.
//!
//! Host answers are in English (most small hosts answer that way). The
//! placeholders `{guest}`, `{code}`, `{wifi}`, `{pass}` and `{host}` are
//! filled in by [`super::script`].

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Es,
    De,
    Fr,
    It,
    Pt,
    Ja,
    Zh,
}

impl Lang {
    /// English is the most common guest language; the rest share the remainder.
    pub(crate) const WEIGHTED: [Lang; 12] = [
        Lang::En,
        Lang::En,
        Lang::En,
        Lang::En,
        Lang::En,
        Lang::Es,
        Lang::De,
        Lang::Fr,
        Lang::It,
        Lang::Pt,
        Lang::Ja,
        Lang::Zh,
    ];

    pub(crate) fn code(self) -> &'static str {
        ["en", "es", "de", "fr", "it", "pt", "ja", "zh"][self as usize]
    }

    pub(crate) fn from_code(code: &str) -> Lang {
        let all = [Lang::En, Lang::Es, Lang::De, Lang::Fr, Lang::It, Lang::Pt, Lang::Ja, Lang::Zh];
        all.into_iter().find(|l| l.code() == code).unwrap_or(Lang::En)
    }

    /// Given names and family names.
    pub(crate) fn names(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Lang::En => (
                &["Emma", "Oliver", "Grace", "Liam", "Chloe", "Noah", "Hannah", "Jack"],
                &["Walker", "Bennett", "Hughes", "Carter", "Foster", "Murphy", "Reid"],
            ),
            Lang::Es => (
                &["Lucía", "Mateo", "Carmen", "Javier", "Sofía", "Álvaro"],
                &["García", "Fernández", "López", "Martínez", "Ruiz", "Núñez"],
            ),
            Lang::De => (
                &["Lena", "Jonas", "Anna", "Lukas", "Marie", "Felix"],
                &["Müller", "Schmidt", "Weiß", "Becker", "Hoffmann", "Groß"],
            ),
            Lang::Fr => (
                &["Camille", "Hugo", "Léa", "Théo", "Manon", "Étienne"],
                &["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard"],
            ),
            Lang::It => (
                &["Giulia", "Marco", "Chiara", "Luca", "Francesca", "Matteo"],
                &["Rossi", "Russo", "Bianchi", "Romano", "Colombo", "Ricci"],
            ),
            Lang::Pt => (
                &["Beatriz", "João", "Mariana", "Tiago", "Inês", "Gonçalo"],
                &["Silva", "Santos", "Ferreira", "Pereira", "Costa", "Conceição"],
            ),
            Lang::Ja => (
                &["美咲", "翔太", "陽菜", "大輝", "結衣", "蓮"],
                &["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺"],
            ),
            Lang::Zh => (&["芳", "伟", "秀英", "磊", "静", "浩然"], &["王", "李", "张", "刘", "陈", "杨"]),
        }
    }

    /// "Given Family", or "FamilyGiven" where that is the custom.
    pub(crate) fn full_name(self, given: &str, family: &str) -> String {
        match self {
            Lang::Ja => format!("{family} {given}"),
            Lang::Zh => format!("{family}{given}"),
            _ => format!("{given} {family}"),
        }
    }
}

/// When in a stay a question tends to come up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    BeforeArrival,
    Arrival,
    During,
    AfterDeparture,
}

/// A guest question in every language, and the host's answer.
pub(crate) struct Topic {
    pub(crate) phase: Phase,
    /// Indexed by `Lang as usize`.
    pub(crate) guest: [&'static str; 8],
    pub(crate) host: &'static str,
}

impl Topic {
    pub(crate) fn guest(&self, lang: Lang) -> &'static str {
        self.guest[lang as usize]
    }
}

pub(crate) fn topics(phase: Phase) -> impl Iterator<Item = &'static Topic> {
    TOPICS.iter().filter(move |t| t.phase == phase)
}

pub(crate) const TOPICS: &[Topic] = &[
    Topic {
        phase: Phase::BeforeArrival,
        guest: [
            "Hi! What time can we check in? Our flight lands around noon.",
            "¡Hola! ¿A qué hora podemos hacer el check-in? Nuestro vuelo llega sobre las 12.",
            "Hallo! Ab wann können wir einchecken? Unser Flug landet gegen Mittag.",
            "Bonjour ! À partir de quelle heure peut-on arriver ? Notre vol atterrit vers midi.",
            "Ciao! A che ora possiamo fare il check-in? Il nostro volo atterra verso mezzogiorno.",
            "Olá! A que horas podemos fazer o check-in? O nosso voo chega por volta do meio-dia.",
            "こんにちは！チェックインは何時からできますか？飛行機は昼ごろに到着します。",
            "你好！请问几点可以入住？我们的航班大概中午到。",
        ],
        host: "Hi {guest}! Check-in is from 4 PM. If the cleaners finish early I'll message you, and you can drop your bags in the luggage locker before then.",
    },
    Topic {
        phase: Phase::BeforeArrival,
        guest: [
            "Is there parking at the property? We're coming by car 🚗",
            "¿Hay aparcamiento en el alojamiento? Vamos en coche 🚗",
            "Gibt es einen Parkplatz? Wir kommen mit dem Auto 🚗",
            "Y a-t-il un parking ? Nous venons en voiture 🚗",
            "C'è un parcheggio? Arriviamo in macchina 🚗",
            "Há estacionamento no local? Vamos de carro 🚗",
            "駐車場はありますか？車で行きます🚗",
            "请问有停车位吗？我们开车过去🚗",
        ],
        host: "Yes! There is one free spot behind the building (number 4). Street parking is free after 6 PM as well.",
    },
    Topic {
        phase: Phase::BeforeArrival,
        guest: [
            "Would an early check-in around 1 PM be possible? We're travelling with a toddler 👶",
            "¿Sería posible entrar antes, sobre la 1? Viajamos con un niño pequeño 👶",
            "Wäre ein früher Check-in gegen 13 Uhr möglich? Wir reisen mit einem Kleinkind 👶",
            "Serait-il possible d'arriver plus tôt, vers 13 h ? Nous voyageons avec un bébé 👶",
            "Sarebbe possibile un check-in anticipato verso le 13? Viaggiamo con un bambino piccolo 👶",
            "Seria possível fazer o check-in mais cedo, por volta das 13h? Viajamos com um bebé 👶",
            "13時ごろにアーリーチェックインは可能でしょうか？小さい子どもがいます👶",
            "请问可以提前到下午1点入住吗？我们带着小孩👶",
        ],
        host: "I can't promise yet because we have a departure that morning, but I'll let you know by 11 AM on the day.",
    },
    Topic {
        phase: Phase::Arrival,
        guest: [
            "Hi, we're at the door but the code isn't working 😕",
            "Hola, estamos en la puerta pero el código no funciona 😕",
            "Hallo, wir stehen vor der Tür, aber der Code funktioniert nicht 😕",
            "Bonjour, nous sommes devant la porte mais le code ne marche pas 😕",
            "Ciao, siamo davanti alla porta ma il codice non funziona 😕",
            "Olá, estamos à porta mas o código não funciona 😕",
            "ドアの前にいますが、暗証番号が使えません😕",
            "我们到门口了，但是密码打不开😕",
        ],
        host: "So sorry! Please press the lock button first, then enter {code} and finish with the ✓ key. If it still fails I'll open it remotely.",
    },
    Topic {
        phase: Phase::Arrival,
        guest: [
            "What's the wifi password? The one in the manual doesn't seem to work.",
            "¿Cuál es la contraseña del wifi? La del manual no funciona.",
            "Wie lautet das WLAN-Passwort? Das aus der Mappe funktioniert nicht.",
            "Quel est le mot de passe du wifi ? Celui du guide ne fonctionne pas.",
            "Qual è la password del wifi? Quella del manuale non funziona.",
            "Qual é a password do wifi? A do manual não funciona.",
            "Wi-Fiのパスワードを教えてください。マニュアルのものでは接続できません。",
            "请问wifi密码是多少？手册上的好像不对。",
        ],
        host: "The network is {wifi} and the password is {pass} (it's also on the sticker under the router). Restart it with the button on the back if it's slow.",
    },
    Topic {
        phase: Phase::During,
        guest: [
            "The neighbours have been really loud every night after midnight. Is there anything you can do?",
            "Los vecinos hacen mucho ruido todas las noches después de medianoche. ¿Se puede hacer algo?",
            "Die Nachbarn sind jede Nacht nach Mitternacht sehr laut. Können Sie etwas tun?",
            "Les voisins font beaucoup de bruit chaque nuit après minuit. Pouvez-vous faire quelque chose ?",
            "I vicini fanno molto rumore ogni notte dopo mezzanotte. Si può fare qualcosa?",
            "Os vizinhos fazem muito barulho todas as noites depois da meia-noite. Podem fazer alguma coisa?",
            "毎晩深夜0時以降、隣の部屋がとてもうるさいです。何とかなりませんか？",
            "邻居每天半夜以后都很吵，能帮忙处理一下吗？",
        ],
        host: "I'm really sorry about that. I've contacted the building manager and will follow up with you tonight.",
    },
    Topic {
        phase: Phase::During,
        guest: [
            "The air conditioning in the bedroom isn't cooling at all 🥵",
            "El aire acondicionado del dormitorio no enfría nada 🥵",
            "Die Klimaanlage im Schlafzimmer kühlt überhaupt nicht 🥵",
            "La climatisation de la chambre ne refroidit pas du tout 🥵",
            "L'aria condizionata in camera non rinfresca per niente 🥵",
            "O ar condicionado do quarto não arrefece nada 🥵",
            "寝室のエアコンが全然冷えません🥵",
            "卧室的空调一点都不制冷🥵",
        ],
        host: "Thanks for letting me know. Our technician can come by tomorrow between 9 and 11. Meanwhile there's a fan in the hallway closet.",
    },
    Topic {
        phase: Phase::During,
        guest: [
            "Could we get some extra towels please? 🙏",
            "¿Nos podrían dar unas toallas más, por favor? 🙏",
            "Könnten wir bitte noch ein paar Handtücher bekommen? 🙏",
            "Pourrait-on avoir quelques serviettes en plus, s'il vous plaît ? 🙏",
            "Potremmo avere qualche asciugamano in più, per favore? 🙏",
            "Podíamos ter mais algumas toalhas, por favor? 🙏",
            "タオルを追加でいただけますか？🙏",
            "可以再给我们几条毛巾吗？🙏",
        ],
        host: "Of course! There are extra towels in the top drawer of the wardrobe, and I'll leave two more at the door this afternoon.",
    },
    Topic {
        phase: Phase::During,
        guest: [
            "Any recommendations for dinner nearby? Something local 🍝",
            "¿Algún restaurante recomendable cerca? Algo típico de la zona 🍝",
            "Haben Sie eine Empfehlung fürs Abendessen in der Nähe? Gern etwas Regionales 🍝",
            "Des conseils pour dîner dans le coin ? Quelque chose de local 🍝",
            "Qualche consiglio per cenare qui vicino? Qualcosa di tipico 🍝",
            "Alguma recomendação para jantar aqui perto? Algo típico 🍝",
            "近くでおすすめの夕食の店はありますか？地元の料理が食べたいです🍝",
            "附近有什么推荐的晚餐吗？想吃当地特色🍝",
        ],
        host: "Absolutely! Try the little trattoria two streets down, or the fish market by the harbour. Both are in the guidebook too.",
    },
    Topic {
        phase: Phase::During,
        guest: [
            "Could we check out a bit later on our last day, maybe 1 PM?",
            "¿Podríamos dejar el apartamento un poco más tarde el último día, sobre la 1?",
            "Könnten wir am Abreisetag etwas später auschecken, vielleicht um 13 Uhr?",
            "Pourrait-on libérer le logement un peu plus tard le dernier jour, vers 13 h ?",
            "Potremmo fare il check-out un po' più tardi l'ultimo giorno, verso le 13?",
            "Podíamos fazer o check-out um pouco mais tarde no último dia, por volta das 13h?",
            "最終日、13時ごろまでレイトチェックアウトできますか？",
            "最后一天可以晚一点退房吗？比如下午1点？",
        ],
        host: "Let me check with the cleaning team. 12 PM is fine for sure, 1 PM I'll confirm tomorrow morning.",
    },
    Topic {
        phase: Phase::AfterDeparture,
        guest: [
            "We just left. Thank you so much for everything, we had a wonderful time! ⭐⭐⭐⭐⭐",
            "Acabamos de salir. ¡Muchas gracias por todo, lo pasamos genial! ⭐⭐⭐⭐⭐",
            "Wir sind gerade abgereist. Vielen Dank für alles, es war wunderschön! ⭐⭐⭐⭐⭐",
            "Nous venons de partir. Merci beaucoup pour tout, c'était parfait ! ⭐⭐⭐⭐⭐",
            "Siamo appena partiti. Grazie mille di tutto, ci siamo trovati benissimo! ⭐⭐⭐⭐⭐",
            "Acabámos de sair. Muito obrigado por tudo, adorámos! ⭐⭐⭐⭐⭐",
            "先ほどチェックアウトしました。本当にありがとうございました！⭐⭐⭐⭐⭐",
            "我们刚退房。非常感谢，住得很开心！⭐⭐⭐⭐⭐",
        ],
        host: "Thank you {guest}, it was a pleasure hosting you! Safe travels 🙌",
    },
    Topic {
        phase: Phase::AfterDeparture,
        guest: [
            "I think I left my phone charger next to the bed. Could you check? 🙈",
            "Creo que me dejé el cargador del móvil junto a la cama. ¿Podrías mirarlo? 🙈",
            "Ich glaube, ich habe mein Ladekabel neben dem Bett vergessen. Könnten Sie nachsehen? 🙈",
            "Je crois que j'ai oublié mon chargeur à côté du lit. Pourriez-vous vérifier ? 🙈",
            "Credo di aver lasciato il caricabatterie vicino al letto. Potreste controllare? 🙈",
            "Acho que deixei o carregador do telemóvel ao lado da cama. Podem verificar? 🙈",
            "ベッドの横に充電器を忘れたかもしれません。確認していただけますか？🙈",
            "我好像把手机充电器落在床边了，能帮忙看一下吗？🙈",
        ],
        host: "Found it! We can post it to you, just send me your address.",
    },
];

/// A short guest acknowledgement after the host answers.
pub(crate) const ACK: [&str; 8] = [
    "Great, thank you!",
    "¡Genial, gracias!",
    "Super, danke!",
    "Parfait, merci !",
    "Perfetto, grazie!",
    "Ótimo, obrigado!",
    "ありがとうございます！",
    "好的，谢谢！",
];

/// What a guest says on arrival, used by live mode as well.
pub(crate) const ARRIVED: [&str; 8] = [
    "We just arrived, the place looks amazing 😍",
    "Acabamos de llegar, ¡el apartamento es precioso! 😍",
    "Wir sind gerade angekommen, die Wohnung ist traumhaft 😍",
    "Nous venons d'arriver, le logement est superbe 😍",
    "Siamo appena arrivati, la casa è bellissima 😍",
    "Acabámos de chegar, a casa é linda 😍",
    "今到着しました。素敵なお部屋です😍",
    "我们刚到，房子太漂亮了😍",
];
