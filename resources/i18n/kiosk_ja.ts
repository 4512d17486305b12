<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <location filename="../../ui/screens/closed.py" line="232"/>
        <location filename="../../ui/screens/home.py" line="222"/>
        <source>Digital learning spot</source>
        <translation>デジタル学習所</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Monday</source>
        <translation>月曜日</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Tuesday</source>
        <translation>火曜日</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Wednesday</source>
        <translation>水曜日</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Thursday</source>
        <translation>木曜日</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Friday</source>
        <translation>金曜日</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="31"/>
        <source>Saturday</source>
        <translation>土曜日</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="31"/>
        <source>Sunday</source>
        <translation>日曜日</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="36"/>
        <source>weekdays</source>
        <translation>平日</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="37"/>
        <source>, </source>
        <translation>・</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="42"/>
        <source>; </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="43"/>
        <source>{days}, {start}–{end}</source>
        <translation>{days}の{start}～{end}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="54"/>
        <source>today {time}</source>
        <translation>今日の{time}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="56"/>
        <source>tomorrow {time}</source>
        <translation>明日の{time}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="57"/>
        <source>{day} {time}</source>
        <translation>{day}の{time}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="112"/>
        <source>A guide is coming</source>
        <translation>案内士が向かっています</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="112"/>
        <source>A guide has already been called</source>
        <translation>案内士はもう呼んであります</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="113"/>
        <source>Please stay here. A digital guide will come to help you soon.</source>
        <translation>ここで少しお待ちください。デジタル案内士がすぐにお手伝いに来ます。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="114"/>
        <source>No guide is here right now</source>
        <translation>今は案内士がいません</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="130"/>
        <source>I no longer need help</source>
        <translation>もう大丈夫です</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="132"/>
        <source>A guide has been called. Please wait here.</source>
        <translation>案内士を呼びました。ここでお待ちください。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="137"/>
        <source>No guide is here now. Next: {when}. Center phone: {phone}</source>
        <translation>今は案内士がいません。次は{when}です。センターの電話：{phone}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="139"/>
        <source>No guide is here now. Next: {when}.</source>
        <translation>今は案内士がいません。次は{when}です。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="141"/>
        <source>No guide is here now. Center phone: {phone}</source>
        <translation>今は案内士がいません。センターの電話：{phone}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="143"/>
        <source>No guide is here now.</source>
        <translation>今は案内士がいません。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="153"/>
        <source>A digital guide is here {days}, {start}–{end}.</source>
        <translation>デジタル案内士がいるのは{days}の{start}～{end}です。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="156"/>
        <source>A digital guide is here {times}.</source>
        <translation>デジタル案内士がいるのは{times}です。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="158"/>
        <source>Next: {when}.</source>
        <translation>次は{when}です。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="161"/>
        <source>To ask for help now, call the center: {phone}</source>
        <translation>今すぐ手助けが必要なときは、センターにお電話ください：{phone}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>OK</source>
        <translation>わかりました</translation>
    </message>
    <message>
        <location filename="../../ui/idle_prompt.py" line="43"/>
        <source>Are you still there?</source>
        <translation>まだご利用中ですか？</translation>
    </message>
    <message>
        <location filename="../../ui/idle_prompt.py" line="44"/>
        <source>If nobody touches the screen, it will go back to the start in {seconds} seconds.</source>
        <translation>画面に触れないと、{seconds}秒後に最初の画面に戻ります。</translation>
    </message>
    <message>
        <location filename="../../ui/idle_prompt.py" line="47"/>
        <source>Continue</source>
        <translation>続ける</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="20"/>
        <location filename="../../ui/screens/lessons.py" line="43"/>
        <source>Lessons</source>
        <translation>レッスン</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="52"/>
        <source>All lessons</source>
        <translation>すべてのレッスン</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="56"/>
        <source>Choose a lesson to open for the visitor.</source>
        <translation>利用者のために開くレッスンを選んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="58"/>
        <location filename="../../ui/screens/lessons.py" line="81"/>
        <source>{count} steps</source>
        <translation>{count}ステップ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="63"/>
        <source>{lesson}: choose the step to start at.</source>
        <translation>{lesson}：始めるステップを選んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="68"/>
        <source>Step {number}</source>
        <translation>ステップ{number}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lessons.py" line="84"/>
        <source>reached step {step}</source>
        <translation>ステップ{step}まで進みました</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="26"/>
        <location filename="../../ui/screens/home.py" line="226"/>
        <location filename="../../ui/screens/notices.py" line="25"/>
        <source>Notices</source>
        <translation>お知らせ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notices.py" line="38"/>
        <source>Until {date}</source>
        <translation>{date}まで</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notices.py" line="43"/>
        <source>There are no notices today.</source>
        <translation>今日のお知らせはありません。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="145"/>
        <source>This program is not available any more.</source>
        <translation>このプログラムは終了しました。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="153"/>
        <source>Who it is for</source>
        <translation>対象</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="154"/>
        <source>When</source>
        <translation>日程</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="155"/>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="156"/>
        <source>How to apply</source>
        <translation>申し込み方法</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="157"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="166"/>
        <source>Point your phone&apos;s camera here to take the details home.</source>
        <translation>スマホのカメラをここに向けると、詳しい内容を持ち帰れます。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="100"/>
        <location filename="../../ui/screens/practice.py" line="250"/>
        <location filename="../../ui/screens/program_detail.py" line="167"/>
        <source>Listen again</source>
        <translation>もう一度聞く</translation>
    </message>
    <message>
        <location filename="../../ui/screens/categories.py" line="19"/>
        <source>What would you like to learn?</source>
        <translation>何を学びますか？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/categories.py" line="29"/>
        <location filename="../../ui/screens/lessons.py" line="73"/>
        <source>{count} lessons</source>
        <translation>レッスン{count}件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="223"/>
        <source>Welcome! Touch what you would like to do.</source>
        <translation>ようこそ！やりたいことを選んで押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="224"/>
        <source>Learn digital skills</source>
        <translation>デジタルを学ぶ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="232"/>
        <source>Turn voice off</source>
        <translation>音声を消す</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="232"/>
        <source>Turn voice on</source>
        <translation>音声を出す</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="24"/>
        <location filename="../../ui/screens/home.py" line="225"/>
        <location filename="../../ui/screens/programs.py" line="89"/>
        <source>City programs for you</source>
        <translation>ソウル市の支援</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="227"/>
        <location filename="../../ui/widgets/bottom_bar.py" line="44"/>
        <source>Call a guide</source>
        <translation>案内士を呼ぶ</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="46"/>
        <location filename="../../ui/widgets/text_size_chooser.py" line="70"/>
        <source>Text size</source>
        <translation>文字の大きさ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="233"/>
        <source>Open: {hours}</source>
        <translation>開館：{hours}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/programs.py" line="60"/>
        <location filename="../../ui/screens/programs.py" line="73"/>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <location filename="../../ui/screens/programs.py" line="73"/>
        <source>Theme: {theme}</source>
        <translation>テーマ：{theme}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="86"/>
        <location filename="../../ui/screens/practice.py" line="301"/>
        <source>Well done!</source>
        <translation>よくできました！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="88"/>
        <location filename="../../ui/screens/practice.py" line="303"/>
        <source>You finished “{title}”.</source>
        <translation>「{title}」を最後まで学びました。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="90"/>
        <location filename="../../ui/screens/practice.py" line="251"/>
        <source>Do it again</source>
        <translation>もう一度やる</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="91"/>
        <location filename="../../ui/screens/practice.py" line="252"/>
        <source>Choose another lesson</source>
        <translation>ほかのレッスンを選ぶ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="114"/>
        <source>Try this next:</source>
        <translation>次はこれをやってみましょう：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="82"/>
        <location filename="../../ui/screens/practice.py" line="254"/>
        <source>This lesson is not available any more.</source>
        <translation>このレッスンは終了しました。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="92"/>
        <location filename="../../ui/screens/practice.py" line="271"/>
        <source>Step {current} of {total}</source>
        <translation>ステップ {current}/{total}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="99"/>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="102"/>
        <source>Finish</source>
        <translation>終わる</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="102"/>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="18"/>
        <location filename="../../ui/widgets/bottom_bar.py" line="42"/>
        <source>Home</source>
        <translation>ホーム</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="43"/>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/banner.py" line="50"/>
        <location filename="../../ui/screens/guide/help_section.py" line="27"/>
        <location filename="../../ui/screens/guide/help_section.py" line="28"/>
        <location filename="../../ui/screens/guide_pin.py" line="91"/>
        <source>Guide mode</source>
        <translation>案内士モード</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/banner.py" line="51"/>
        <source>Leave guide mode</source>
        <translation>案内士モードを終わる</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="19"/>
        <source>Lesson topics</source>
        <translation>レッスンの分野</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="21"/>
        <source>Lesson</source>
        <translation>レッスン</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="22"/>
        <source>Practice</source>
        <translation>練習</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="23"/>
        <source>Lesson finished</source>
        <translation>レッスンの終わり</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="25"/>
        <source>A city program</source>
        <translation>ソウル市の支援</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="44"/>
        <source>{time} ({minutes} min ago)</source>
        <translation>{time}（{minutes}分前）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="45"/>
        <source>This kiosk</source>
        <translation>この端末</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="49"/>
        <source>{screen}: {lesson}</source>
        <translation>{screen}：{lesson}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="51"/>
        <source>step {step}</source>
        <translation>ステップ{step}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="54"/>
        <source>Screen: {screen}</source>
        <translation>画面：{screen}</translation>
    </message>
    <message>
        <location filename="../../ui/guide_alert.py" line="92"/>
        <location filename="../../ui/screens/guide/help_section.py" line="62"/>
        <source>People waiting for help: {count}</source>
        <translation>手助けを待っている人：{count}人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="64"/>
        <source>Nobody is waiting for help.</source>
        <translation>手助けを待っている人はいません。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="72"/>
        <source>Open where they were</source>
        <translation>その場面を開く</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="76"/>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="83"/>
        <source>The guide&apos;s hours must end after they start.</source>
        <translation>案内士のいる時間は、終わりを始まりより後にしてください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="103"/>
        <source>Language at the start</source>
        <translation>最初の画面の言語</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="104"/>
        <source>Text size at the start</source>
        <translation>最初の画面の文字の大きさ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="105"/>
        <source>Voice speed</source>
        <translation>音声の速さ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="106"/>
        <source>Voice volume</source>
        <translation>音声の大きさ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="107"/>
        <source>Start again for the next visitor after</source>
        <translation>次の利用者のために最初に戻るまでの時間</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="108"/>
        <source>Days a guide is here</source>
        <translation>案内士がいる曜日</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="109"/>
        <source>A guide is here from</source>
        <translation>案内士がいる時間（から）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="110"/>
        <source>A guide is here until</source>
        <translation>案内士がいる時間（まで）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="117"/>
        <source>Slow</source>
        <translation>ゆっくり</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="117"/>
        <location filename="../../ui/widgets/text_size_chooser.py" line="28"/>
        <source>Normal</source>
        <translation>ふつう</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="117"/>
        <source>Fast</source>
        <translation>速く</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="121"/>
        <source>{minutes} min</source>
        <translation>{minutes}分</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="142"/>
        <source>Saved. The kiosk uses these settings now.</source>
        <translation>保存しました。今からこの設定を使います。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="143"/>
        <source>Change the guide PIN</source>
        <translation>案内士の暗証番号を変える</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="144"/>
        <source>Close the kiosk program</source>
        <translation>端末のプログラムを閉じる</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="145"/>
        <source>Close the kiosk program? Visitors cannot use it until it is started again.</source>
        <translation>プログラムを閉じますか？もう一度起動するまで、利用者は使えません。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="146"/>
        <source>Yes, close it</source>
        <translation>はい、閉じます</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="147"/>
        <source>No, keep it open</source>
        <translation>いいえ、そのままにします</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="152"/>
        <source>The city has set this center&apos;s guide hours: {hours}. The kiosk uses those, not the days and times below.</source>
        <translation>このセンターの案内士の時間は市が決めています：{hours}。キオスクは下の曜日と時間ではなく、こちらを使います。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="154"/>
        <source>If the city sets this center&apos;s guide hours, the kiosk uses those instead of the days and times below.</source>
        <translation>市がこのセンターの案内士の時間を決めると、キオスクは下の曜日と時間ではなく、そちらを使います。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="61"/>
        <source>Never</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="64"/>
        <source>Content revision</source>
        <translation>コンテンツの版</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="64"/>
        <location filename="../../ui/screens/guide/sync_section.py" line="66"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="65"/>
        <source>Last successful sync</source>
        <translation>最後に同期できた時刻</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="66"/>
        <source>Last error</source>
        <translation>最後のエラー</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="67"/>
        <source>Waiting to upload</source>
        <translation>送信待ち</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="67"/>
        <source>{count} items</source>
        <translation>{count}件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="72"/>
        <source>Sync now</source>
        <translation>今すぐ同期</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="78"/>
        <source>Sync is not set up on this kiosk (no server in its settings).</source>
        <translation>この端末は同期が設定されていません（設定にサーバーがありません）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="80"/>
        <source>Sync started. This page updates when it is done.</source>
        <translation>同期を始めました。終わるとこの画面が更新されます。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="90"/>
        <source>This kiosk is not connected to the city&apos;s server yet, so it shows the content it came with.</source>
        <translation>このキオスクはまだソウル市のサーバーにつながっていないため、最初から入っている内容を表示しています。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="91"/>
        <location filename="../../ui/screens/onboarding.py" line="91"/>
        <source>Connect this kiosk</source>
        <translation>このキオスクをつなぐ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="125"/>
        <source>This kiosk was removed from the fleet on the admin page, so it no longer syncs. Ask a city or district admin to connect it again.</source>
        <translation>このキオスクは管理ページで一覧から外されたため、同期しなくなりました。市または区の管理者に、もう一度つなぐよう頼んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="94"/>
        <source>Connect this kiosk again</source>
        <translation>このキオスクをもう一度つなぐ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="127"/>
        <source>The city&apos;s server does not know this kiosk (not authorised), so it does not sync. Connect it again with a new code.</source>
        <translation>ソウル市のサーバーがこのキオスクを知らない（未承認の）ため、同期しません。新しいコードでもう一度つないでください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="89"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="90"/>
        <source>This week</source>
        <translation>今週</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="99"/>
        <source>Visits</source>
        <translation>利用回数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="100"/>
        <source>Lessons started</source>
        <translation>始めたレッスン</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="101"/>
        <source>Lessons finished</source>
        <translation>終えたレッスン</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="102"/>
        <source>Help requests</source>
        <translation>呼び出し</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="108"/>
        <source>Most used lessons</source>
        <translation>よく使われたレッスン</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="114"/>
        <source>No lessons were started yet.</source>
        <translation>まだ始めたレッスンはありません。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="115"/>
        <source>Help requests by hour</source>
        <translation>時間帯別の呼び出し</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="120"/>
        <source>No help requests.</source>
        <translation>呼び出しはありません。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="110"/>
        <source>Guide panel</source>
        <translation>案内士の画面</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="113"/>
        <source>Help requests ({count})</source>
        <translation>呼び出し（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="114"/>
        <source>Messages ({count})</source>
        <translation>確認事項（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="115"/>
        <source>Usage</source>
        <translation>利用状況</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="116"/>
        <source>Sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="117"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="118"/>
        <source>Open a lesson</source>
        <translation>レッスンを開く</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="136"/>
        <source>Content may be out of date since {when}; the kiosk could not get fresh content from the city&apos;s server.</source>
        <translation>{when}から内容が古いままかもしれません。キオスクが市のサーバーから新しい内容を受け取れませんでした。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="85"/>
        <source>Choose a guide PIN</source>
        <translation>案内士の暗証番号を決める</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="87"/>
        <source>Type six digits that only the guides know.</source>
        <translation>案内士だけが知っている6桁の数字を押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="89"/>
        <source>Type the same six digits again.</source>
        <translation>同じ6桁の数字をもう一度押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="92"/>
        <source>Guides only: type the six-digit PIN.</source>
        <translation>案内士専用：6桁の暗証番号を押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="96"/>
        <source>One moment...</source>
        <translation>少々お待ちください...</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="99"/>
        <source>Too many wrong tries. Try again in {seconds} seconds.</source>
        <translation>間違いが続きました。{seconds}秒後にもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="171"/>
        <source>That did not work. Please try again.</source>
        <translation>うまくいきませんでした。もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="189"/>
        <source>That PIN is not right. {tries} tries left.</source>
        <translation>暗証番号が違います。あと{tries}回です。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="198"/>
        <source>The two PINs were different. Please start again.</source>
        <translation>1回目と2回目の数字が違います。最初からやり直してください。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="96"/>
        <source>Delete</source>
        <translation>1字消す</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="97"/>
        <source>Clear</source>
        <translation>全部消す</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="306"/>
        <source>Time taken: {seconds} seconds</source>
        <translation>かかった時間：{seconds}秒</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="308"/>
        <source>Time taken: {minutes} min {seconds} s</source>
        <translation>かかった時間：{minutes}分{seconds}秒</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="310"/>
        <source>Hints: {count}</source>
        <translation>ヒント：{count}回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="312"/>
        <source>You did not need a single hint. Excellent!</source>
        <translation>ヒントなしでできました。すばらしいです！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="314"/>
        <source>Each time you practise, it gets easier.</source>
        <translation>練習するたびに、かんたんになります。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="25"/>
        <source>There is no voice for {language} on this kiosk, so that language is silent.</source>
        <translation>この端末には{language}の音声がないため、その言語では読み上げができません。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="27"/>
        <source>New content was refused. The kiosk keeps showing the content it had.</source>
        <translation>新しいコンテンツは受け付けられませんでした。これまでのコンテンツをそのまま表示しています。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="30"/>
        <source>New content uses {count} field(s) this kiosk does not know yet; they are left out. Updating the kiosk software shows them.</source>
        <translation>新しいコンテンツに、この端末がまだ知らない項目が{count}件あるため、省いて表示しています。端末のソフトウェアを更新すると表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="34"/>
        <source>Sync with the central server is failing: {error}</source>
        <translation>中央サーバーとの同期ができていません：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="38"/>
        <source>{by} wrote from the admin page: {text}</source>
        <translation>{by} さんが管理ページから送ったメッセージ：{text}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="41"/>
        <source>The saved settings could not be read, so the default settings are in use.</source>
        <translation>保存された設定を読めなかったため、初期設定で動いています。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="54"/>
        <source>Things the kiosk wants you to know: {count}</source>
        <translation>ご確認いただきたいこと：{count}件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="56"/>
        <source>Everything is working. There is nothing to report.</source>
        <translation>すべて正常です。お知らせすることはありません。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/text_size_chooser.py" line="28"/>
        <source>Large</source>
        <translation>大きい</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/text_size_chooser.py" line="28"/>
        <source>Largest</source>
        <translation>とても大きい</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/text_size_chooser.py" line="70"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="106"/>
        <source>1. On a computer or phone, open the kiosks&apos; admin page and choose Connect a kiosk, or scan this QR code.</source>
        <translation>1. パソコンかスマートフォンでキオスクの管理ページを開き「キオスクをつなぐ」を選ぶか、このQRコードを読み取ってください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="108"/>
        <source>2. Type the code shown here and choose this kiosk&apos;s center.</source>
        <translation>2. ここに表示されたコードを入力し、このキオスクのある施設を選んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="109"/>
        <source>3. The kiosk connects by itself within a few seconds.</source>
        <translation>3. 数秒でキオスクが自動でつながります。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="114"/>
        <source>Connected to {center}. Getting this center&apos;s content...</source>
        <translation>{center}につながりました。この施設の内容を受け取っています...</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="117"/>
        <source>No connection to the server yet. Trying again...</source>
        <translation>まだサーバーにつながっていません。もう一度試しています...</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="121"/>
        <source>Waiting for the code to be entered. A new code comes by itself after {time}.</source>
        <translation>コードの入力を待っています。{time}を過ぎると新しいコードが自動で出ます。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="124"/>
        <source>Asking the server for a code...</source>
        <translation>サーバーにコードを頼んでいます...</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="126"/>
        <source>Start</source>
        <translation>始める</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="126"/>
        <source>Use the kiosk for now</source>
        <translation>とりあえずキオスクを使う</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="65"/>
        <source>Please come back during the opening hours.</source>
        <translation>開館時間にまたお越しください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="67"/>
        <source>We open today at {time}</source>
        <translation>本日{time}に開館します</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="69"/>
        <source>We open tomorrow at {time}</source>
        <translation>明日{time}に開館します</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="70"/>
        <source>We open on {day} at {time}</source>
        <translation>{day}の{time}に開館します</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="110"/>
        <source>The screen is resting. Touch it to see the opening hours.</source>
        <translation>画面はお休み中です。触れると開館時間が表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="233"/>
        <location filename="../../ui/screens/closed.py" line="241"/>
        <source>Closed now</source>
        <translation>ただいま閉館中です</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="235"/>
        <source>Touch the screen to see the opening hours.</source>
        <translation>画面に触れると開館時間が表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="236"/>
        <location filename="../../ui/screens/closed.py" line="244"/>
        <source>Opening hours</source>
        <translation>開館時間</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="239"/>
        <source>Phone: {phone}</source>
        <translation>電話：{phone}</translation>
    </message>
</context>
</TS>
