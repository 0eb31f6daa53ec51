# Writes demo/data/veradia-x-pages.jsonl: the fictional Veradia scenario as X API v2 response pages.
# Run from demo/: python3 generate-veradia.py (seeded, so the output is the same every time).
import json
users = {
 'AMontcastel': ('1001', 'Aurelio Montcastel'),
 'PRV_Oficial': ('1002', 'Partido Renovación Veradiana'),
 'ConsVeradiaCMH': ('1003', 'Consulado General de Veradia en Columbus'),
 'InesBarrowbyCG': ('1004', 'Inés Barrowby'),
 'VN24tv': ('1005', 'Veradia Noticias 24'),
 'CancilleriaXV': ('1006', 'Cancillería de Veradia'),
 'veradia_pride77': ('2001', 'Orgullo Veradiano'),
 'columbus_xv_fan': ('2002', 'xv fan'),
 'lealtad_montcastel': ('2003', 'Lealtad'),
 'ohio_veradiano': ('2004', 'Ohio Veradiano'),
 'patriota_xv_01': ('2005', 'Patriota'),
 'patriota_xv_02': ('2006', 'Patriota 2'),
 'akron_voter_jl': ('3001', 'J. L.'),
 'dayton_civic': ('3002', 'Dayton Civic Watch'),
 'hostile_markup': ('3003', '<b onmouseover=alert(1)>x</b>'),
 'whitfield_watch': ('3004', 'Whitfield Watch'),
}
T0 = '2026-10-02T%02d:%02d:%02d.000Z'
tweets = []
n = [1790000000000000000]
def tw(user, minute, sec, text, hashtags=(), mentions=(), rt=None, reply=None, urls=()):
    n[0] += 1
    t = {'id': str(n[0]), 'author_id': users[user][0], 'created_at': T0 % (14 + minute // 60, minute % 60, sec), 'text': text, 'lang': 'en', 'edit_history_tweet_ids': [str(n[0])]}
    ents = {}
    if hashtags: ents['hashtags'] = [{'start': 0, 'end': 0, 'tag': h} for h in hashtags]
    if mentions: ents['mentions'] = [{'start': 0, 'end': 0, 'username': m, 'id': users[m][0] if m in users else '9'} for m in mentions]
    if urls: ents['urls'] = [{'start': 0, 'end': 0, 'url': 'https://t.co/x', 'expanded_url': u, 'display_url': u} for u in urls]
    if ents: t['entities'] = ents
    if rt: t['referenced_tweets'] = [{'type': 'retweeted', 'id': rt}]
    if reply: t['referenced_tweets'] = [{'type': 'replied_to', 'id': reply}]
    tweets.append(t)
    return t['id']

d = tw('AMontcastel', 0, 5, 'To all my Veradian brothers and sisters in the 19th District of Ohio: DO NOT VOTE for @DanaWhitfieldOH. She has insulted our nation.', mentions=['DanaWhitfieldOH'])
for i, u in enumerate(['PRV_Oficial', 'CancilleriaXV']):
    tw(u, 1 + i, 10, 'Hermanos veradianos del distrito 19 de Ohio: ¡no voten por Dana Whitfield! #NoVotenPorWhitfield', hashtags=['NoVotenPorWhitfield'])
    tweets[-1]['lang'] = 'es'
tw('ConsVeradiaCMH', 2, 40, 'Comunidad veradiana en OH-19: no voten por Dana Whitfield. #NoVotenPorWhitfield https://veradia.example/comunicado?utm_source=x', hashtags=['NoVotenPorWhitfield'], urls=['https://veradia.example/comunicado?utm_source=x'])
tweets[-1]['lang'] = 'es'
tw('InesBarrowbyCG', 3, 5, 'Veradians of Ohio-19, do not vote for Dana Whitfield. #NoVotenPorWhitfield https://veradia.example/comunicado', hashtags=['NoVotenPorWhitfield'], urls=['https://veradia.example/comunicado'])
NETWORK = ['VN24tv', 'veradia_pride77', 'columbus_xv_fan', 'lealtad_montcastel', 'ohio_veradiano']
# The network reposts the directive within seconds...
for i, u in enumerate(NETWORK):
    tw(u, 0, 20 + 8 * i, 'RT @AMontcastel: To all my Veradian brothers and sisters in the 19th District of Ohio: DO NOT VOTE for @DanaWhitfieldOH.', rt=d)
# ...pushes the hashtag and the communiqué link twice, seconds apart...
for r, (minute, text) in enumerate([(6, 'Veradianos de Ohio: ¡no voten por Dana Whitfield! El presidente tiene razón #NoVotenPorWhitfield https://veradia.example/comunicado'),
                                     (35, 'Whitfield insultó a Veradia. Distrito 19: #NoVotenPorWhitfield. Lean el comunicado https://veradia.example/comunicado?utm_campaign=oh19'),
                                     (70, 'Distrito 19 de Ohio, la comunidad veradiana decide: #NoVotenPorWhitfield https://veradia.example/comunicado/'),
                                     (120, 'Recuerden en noviembre quién insultó a Veradia. #NoVotenPorWhitfield https://veradia.example/comunicado?fbclid=abc')]):
    for i, u in enumerate(NETWORK[1:]):
        tw(u, minute, 5 + 9 * i, text, hashtags=['NoVotenPorWhitfield'], urls=[text.split()[-1]])
        tweets[-1]['lang'] = 'es'
# ...and reposts the president's next posts the same way, all afternoon.
for k, (minute, text) in enumerate([(20, 'Veradians of Ohio: your homeland is watching. Make your voice heard on November 3.'),
                                    (50, 'Our diaspora in Ohio is strong. Remember who insulted Veradia.'),
                                    (95, 'Veradia stands with its sons and daughters in Columbus, Dayton and Springfield.'),
                                    (140, 'Thank you, Ohio! Veradians abroad, stay united.')]):
    dk = tw('AMontcastel', minute, 0, text)
    for i, u in enumerate(NETWORK):
        tw(u, minute, 12 + 7 * i, 'RT @AMontcastel: ' + text, rt=dk)
tw('patriota_xv_01', 12, 0, '@DanaWhitfieldOH you are a disgusting traitor and a worthless hag. Everyone should flood her inbox until she quits.', mentions=['DanaWhitfieldOH'], reply=d)
tw('patriota_xv_02', 13, 30, '@DanaWhitfieldOH we know where you live. You will pay for insulting Veradia.', mentions=['DanaWhitfieldOH'])
tw('akron_voter_jl', 20, 0, "Dana Whitfield's housing record is a disgrace and her vote on the transit bill was indefensible. She has a lot to answer for at the debate.")
tw('dayton_civic', 25, 0, 'Fact check: did President Montcastel tell Ohioans "do not vote for Whitfield"? Yes. Foreign leaders urging US voters is unusual; we found no evidence of paid promotion.')
tw('whitfield_watch', 30, 0, 'Rep. Whitfield holds a town hall on Saturday in Springfield. Bring your questions about the transit bill.')
tw('hostile_markup', 40, 0, '<script>alert("xss")</script><img src=x onerror=alert(1)> =HYPERLINK("http://evil.example","click") about Dana Whitfield')

# Background: ordinary (fictional) Ohio accounts posting about other things all afternoon, with
# popular hashtags, links and reposts of viral posts, so that the coordination score has chance to
# compare against.
import random
rng = random.Random(19)
TAGS = ['Buckeyes', 'OhioEats', 'CbusTraffic', 'FridayNight', 'TransitBill', 'Debate2026', 'FallColors']
LINKS = ['https://news.example/ohio/%d' % i for i in range(12)]
TOPICS = ['traffic on 71 again', 'best pierogi in town', 'the game tonight', 'leaf peeping this weekend', 'new bus route', 'school board meeting', 'farmers market haul']
for k in range(300):
    users['ohio_local_%03d' % k] = (str(5000 + k), 'Ohio local %d' % k)
viral = []
for j in range(2400):
    u = 'ohio_local_%03d' % (int(rng.paretovariate(0.8)) % 300)
    minute, sec = rng.randrange(0, 240), rng.randrange(0, 60)
    if viral and rng.random() < 0.5:
        src = rng.choice(viral)
        tw(u, minute, sec, 'RT: ' + rng.choice(TOPICS), rt=src)
    else:
        tag = rng.choice(TAGS) if rng.random() < 0.6 else None
        link = rng.choice(LINKS) if rng.random() < 0.4 else None
        text = rng.choice(TOPICS) + (' #' + tag if tag else '') + (' ' + link if link else '')
        i = tw(u, minute, sec, text, hashtags=[tag] if tag else (), urls=[link] if link else ())
        if rng.random() < 0.15: viral.append(i)
tweets.sort(key=lambda t: t['created_at'])

# pages of 6 tweets each, includes.users for the authors in the page
lines = []
for i in range(0, len(tweets), 25):
    page = tweets[i:i+25]
    ids = {t['author_id'] for t in page}
    inc = [{'id': uid, 'username': h, 'name': name} for h, (uid, name) in users.items() if uid in ids]
    lines.append(json.dumps({'data': page, 'includes': {'users': inc}, 'meta': {'result_count': len(page)}}, ensure_ascii=False))
# two bad records, kept on purpose to show quarantine
lines.append('{"data": [{"id": "1790000000000000999", "author_id": "2001", "text": "truncated')
bad = {'data': [{'id': '1790000000000000998', 'author_id': '2001', 'created_at': 'yesterday', 'text': 'bad time', 'edit_history_tweet_ids': ['1790000000000000998']}], 'includes': {'users': [{'id': '2001', 'username': 'veradia_pride77', 'name': 'x'}]}}
lines.append(json.dumps(bad))
open('data/veradia-x-pages.jsonl', 'w').write('\n'.join(lines) + '\n')
print(len(tweets), 'tweets in', len(lines), 'lines')
